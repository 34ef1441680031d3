"""Nothing from a kernel's own log reaches a participant's page: a forged widget-open message
or a message to a comm that does not exist is logged to the server's terminal, and the page
gets no traceback, no install path, no kernel message at all."""

from __future__ import annotations

import json
import os

from jupyter_client.manager import KernelManager

from cocreate_kit.server.voila import write_kernel_profile


def test_a_forged_widget_message_sends_no_traceback_to_the_page(tmp_path):
    """A real kernel started with the kit's kernel profile (as `cocreate serve` starts every
    page's kernel) gets a widget-open message no page would send, and one to an unknown comm;
    everything it sends the page up to the next cell's end holds no word of either."""
    write_kernel_profile(str(tmp_path))
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(env={**os.environ, "IPYTHONDIR": str(tmp_path / "ipython")})
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        client.execute("import ipywidgets", reply=True, timeout=120)
        forged = {
            "comm_id": "forged",
            "target_name": "jupyter.widget",
            "data": {"state": {}, "buffer_paths": []},
        }
        client.shell_channel.send(client.session.msg("comm_open", forged))
        client.shell_channel.send(client.session.msg("comm_msg", {"comm_id": "nobody", "data": {}}))
        # The shell handles messages in order and flushes after each: once the next cell is
        # idle again, everything the forged messages caused has been sent.
        last = client.execute("1 + 1")
        sent = []
        while True:
            message = client.get_iopub_msg(timeout=120)
            sent.append(json.dumps(message["content"]))
            if (
                message["parent_header"].get("msg_id") == last
                and message["content"].get("execution_state") == "idle"
            ):
                break
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    page = "\n".join(sent)
    assert "Traceback" not in page and "site-packages" not in page and "No such comm" not in page, page
    assert '"execution_state": "idle"' in page  # the page did hear from the kernel
