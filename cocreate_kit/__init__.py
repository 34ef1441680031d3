"""cocreate-kit: live co-creation workshops with Jupyter and Voila.

The public API is what a facilitator uses from JupyterLab or a script: open a store, load a
plan, create and export workshops. Widgets live in ``cocreate_kit.forms`` and
``cocreate_kit.apps`` and are not imported here, so ``import cocreate_kit`` stays cheap.
"""

from .content.plan import Plan, PlanError, available_plans, load_personas, load_plan, load_ui, plan_personas
from .kinds import KINDS, Kind
from .models import Entry, NewWorkshop, Participant, Workshop
from .store import Store, StoreError, dumps_export, export_workshop, import_workshop

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "Entry",
    "Kind",
    "NewWorkshop",
    "Participant",
    "Plan",
    "PlanError",
    "Store",
    "StoreError",
    "Workshop",
    "available_plans",
    "dumps_export",
    "export_workshop",
    "import_workshop",
    "load_personas",
    "load_plan",
    "load_ui",
    "plan_personas",
]
