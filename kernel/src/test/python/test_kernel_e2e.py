"""End-to-end tests: the installed perceptron kernel driven through a real jupyter_client."""
from __future__ import annotations

import time

import zmq
from jupyter_client.session import Session

from perceptron_client import Kernel

# The kernel answers cells in milliseconds; these bounds only keep a broken kernel from hanging the run.
SOCKET_WAIT_MS = 3000


def test_values_functions_and_classes_carry_from_cell_to_cell(kernel: Kernel) -> None:
    assert kernel.execute("val answer = 6 * 7").status == "ok"
    assert kernel.execute("fun twice(n: Int) = 2 * n").status == "ok"
    assert kernel.execute("data class Point(val x: Int, val y: Int)").status == "ok"

    assert kernel.execute("twice(answer)").result() == "84"
    assert kernel.execute("Point(answer, 1)").result() == "Point(x=42, y=1)"


def test_execution_count_counts_up_and_matches_the_result(kernel: Kernel) -> None:
    first = kernel.execute("1 + 1")
    second = kernel.execute("2 + 2")

    assert second.reply["content"]["execution_count"] == first.reply["content"]["execution_count"] + 1
    assert second.of_type("execute_result")[0].content["execution_count"] == second.reply["content"]["execution_count"]
    assert second.of_type("execute_input")[0].content["code"] == "2 + 2"


def test_printed_lines_reach_the_front_end_while_the_cell_runs(kernel: Kernel) -> None:
    cell = kernel.execute('for (i in 1..3) { println("line $i"); Thread.sleep(500) }')

    assert cell.status == "ok"
    streams = [a for a in cell.of_type("stream") if a.content["name"] == "stdout"]
    assert "".join(a.content["text"] for a in streams) == "line 1\nline 2\nline 3\n"
    firsts = [next(a.at for a in streams if f"line {i}" in a.content["text"]) for i in (1, 2, 3)]
    assert firsts == sorted(firsts), "lines must arrive in the order they were printed"
    # The cell sleeps a second after its first line; that line must not wait for the cell's end.
    assert cell.reply_at - firsts[0] > 0.5, f"first line came {cell.reply_at - firsts[0]:.2f} s before the reply"
    assert firsts[2] - firsts[0] > 0.5, "each line must arrive as it is printed, not all at once"


def test_stdout_and_stderr_are_separate_streams(kernel: Kernel) -> None:
    cell = kernel.execute('println("to out"); System.err.println("to err")')

    assert cell.stream("stdout") == "to out\n"
    assert cell.stream("stderr") == "to err\n"


def test_the_last_expression_is_the_result_as_plain_text(kernel: Kernel) -> None:
    cell = kernel.execute('listOf(1, 2, 3).map { it * it }')

    assert cell.result() == "[1, 4, 9]"


def test_a_statement_has_no_result(kernel: Kernel) -> None:
    cell = kernel.execute("val unused = 5")

    assert cell.status == "ok"
    assert cell.of_type("execute_result") == []


def test_a_tablesaw_table_renders_as_html_with_its_rows(kernel: Kernel) -> None:
    cell = kernel.execute(
        'tech.tablesaw.api.Table.create("scores", tech.tablesaw.api.IntColumn.create("points", 3, 1, 2))')

    html = cell.result("text/html")
    assert html is not None, f"no text/html in {cell.of_type('execute_result')[0].content['data'].keys()}"
    assert "<th>points</th>" in html
    assert "3 rows" in html
    assert "points" in cell.result("text/plain")


def test_display_publishes_display_data_during_the_cell(kernel: Kernel) -> None:
    cell = kernel.execute('display("shown first"); println("printed after"); 7')

    displays = cell.of_type("display_data")
    assert [d.content["data"]["text/plain"] for d in displays] == ["shown first"]
    order = [a.type for a in cell.iopub if a.type in ("display_data", "stream", "execute_result")]
    assert order == ["display_data", "stream", "execute_result"]


def test_an_updatable_display_sends_update_display_data_with_its_id(kernel: Kernel) -> None:
    cell = kernel.execute('val h = io.perceptron.dsl.display.Display.handle("step 1"); h.update("step 2")')

    shown = cell.of_type("display_data")[0].content
    update = cell.of_type("update_display_data")[0].content
    assert shown["transient"]["display_id"] == update["transient"]["display_id"]
    assert update["data"]["text/plain"] == "step 2"


def test_a_compile_error_names_the_cell_line_and_the_kernel_stays_usable(kernel: Kernel) -> None:
    cell = kernel.execute("val fine = 1\nval broken = undefinedName + 1")

    assert cell.status == "error"
    text = "\n".join(cell.error["traceback"])
    assert "undefinedName" in text
    assert "line 2, column 14" in text, text
    assert "val broken = undefinedName + 1" in text, "the offending source line is shown"
    assert kernel.execute("val broken = 2\nbroken").result() == "2"


def test_a_runtime_error_shows_type_message_and_the_cell_line(kernel: Kernel) -> None:
    cell = kernel.execute('val a = 1\nval b = 2\nthrow IllegalStateException("boom at three")')

    assert cell.status == "error"
    assert "IllegalStateException" in cell.error["ename"]
    assert cell.error["evalue"] == "boom at three"
    text = "\n".join(cell.error["traceback"])
    assert "line 3" in text, text
    assert "io.perceptron.kernel" not in text, "the kernel's own frames must be trimmed"
    assert cell.reply["content"]["ename"] == cell.error["ename"]


def test_cells_queued_behind_a_failure_are_aborted_like_run_all(kernel: Kernel) -> None:
    failing = kernel.submit('Thread.sleep(500); throw IllegalStateException("stop here")')
    queued = [kernel.submit("val neverDefined = 1"), kernel.submit('println("never printed")')]

    kernel.wait(failing)
    for cell in queued:
        kernel.wait(cell)

    assert failing.status == "error"
    assert [cell.status for cell in queued] == ["aborted", "aborted"]
    assert kernel.execute("40 + 2").result() == "42", "requests sent after the queue drained run again"
    assert kernel.execute("neverDefined").status == "error"


def test_completion_offers_members_after_a_dot(kernel: Kernel) -> None:
    kernel.execute('val greeting = "hello"')
    code = "greeting.len"

    reply = kernel.request("complete", code, len(code)).reply["content"]

    assert reply["status"] == "ok"
    assert "length" in reply["matches"]
    assert reply["cursor_end"] == len(code)
    assert reply["cursor_start"] == len("greeting.")
    types = reply["metadata"]["_jupyter_types_experimental"]
    assert [t["text"] for t in types] == reply["matches"]


def test_is_complete_tells_complete_incomplete_and_invalid(kernel: Kernel) -> None:
    def status(code: str) -> str:
        return kernel.request("is_complete", code).reply["content"]["status"]

    assert status("val x = 1") == "complete"
    assert status("fun f() {") == "incomplete"
    assert status("val x = )") == "invalid"


def test_inspect_describes_the_name_at_the_cursor(kernel: Kernel) -> None:
    kernel.execute("val inspected = 42")

    reply = kernel.request("inspect", "inspected", 4).reply["content"]

    assert reply["status"] == "ok"
    assert reply["found"] is True
    assert "Int" in reply["data"]["text/plain"]


def test_history_lists_the_cells_that_ran(kernel: Kernel) -> None:
    kernel.execute("val remembered = 123")

    reply = kernel.request("history", hist_access_type="tail", n=1, output=False, raw=True).reply["content"]

    assert reply["status"] == "ok"
    assert reply["history"][-1][2] == "val remembered = 123"


def test_comm_info_lists_no_comms(kernel: Kernel) -> None:
    reply = kernel.request("comm_info").reply["content"]

    assert reply == {"status": "ok", "comms": {}}


def test_kernel_info_describes_kotlin(kernel: Kernel) -> None:
    reply = kernel.request("kernel_info").reply["content"]

    assert reply["implementation"] == "perceptron"
    assert tuple(int(p) for p in reply["protocol_version"].split(".")) >= (5, 3)
    info = reply["language_info"]
    assert info["name"] == "kotlin"
    assert info["mimetype"] == "text/x-kotlin"
    assert info["file_extension"] == ".kt"
    assert info["pygments_lexer"] == "kotlin"
    assert info["codemirror_mode"] == "text/x-kotlin"
    assert info["version"].startswith("2.")


def test_help_magic_lists_what_the_kernel_offers(kernel: Kernel) -> None:
    cell = kernel.execute("%help")

    assert cell.status == "ok"
    for entry in ("Model", "Datasets", "Loss", "Optimizer", "Plot", "Tensors", "Pretrained", "Shift+Tab"):
        assert entry in cell.stream(), entry


def test_an_unknown_magic_is_an_error_listing_the_known_ones(kernel: Kernel) -> None:
    cell = kernel.execute("%timeit 1 + 1")

    assert cell.status == "error"
    assert "%timeit" in cell.error["evalue"]
    assert "%help" in cell.error["evalue"]


def test_interrupt_stops_a_busy_loop_and_keeps_the_state(kernel: Kernel) -> None:
    kernel.execute("val survivor = 7")
    busy = kernel.submit("while (true) {}")
    # Interrupt once the loop really runs: its execute_input is out and it has had time to start.
    kernel.wait_for_output(busy, "execute_input")
    time.sleep(0.5)

    kernel.manager.interrupt_kernel()
    kernel.wait(busy, timeout=30)

    assert busy.status == "error"
    assert "nterrupt" in busy.reply["content"]["ename"] + busy.reply["content"]["evalue"]
    assert kernel.execute("survivor * 6").result() == "42"


def test_interrupt_stops_a_long_djl_computation(kernel: Kernel) -> None:
    kernel.execute("val manager = ai.djl.ndarray.NDManager.newBaseManager()\n"
                   "val big = manager.randomNormal(ai.djl.ndarray.types.Shape(300, 300))")
    busy = kernel.submit("var total = 0f\nwhile (true) { big.matMul(big).use { total += it.sum().getFloat() } }")
    kernel.wait_for_output(busy, "execute_input")
    time.sleep(1.0)

    kernel.manager.interrupt_kernel()
    kernel.wait(busy, timeout=30)

    assert busy.status == "error"
    assert kernel.execute("manager.ones(ai.djl.ndarray.types.Shape(2)).sum().getFloat()").result() == "2.0"


def test_a_forged_request_is_dropped_and_the_kernel_keeps_answering(kernel: Kernel) -> None:
    info = kernel.manager.get_connection_info(session=False)
    address = f"{info['transport']}://{info['ip']}:{info['shell_port']}"
    context = zmq.Context.instance()
    shell = context.socket(zmq.DEALER)
    shell.linger = 0
    shell.connect(address)
    try:
        forger = Session(key=b"not-the-connection-key", signature_scheme=info["signature_scheme"])
        forged = forger.send(shell, "execute_request", content={
            "code": 'println("forged ran")', "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        genuine_session = Session(key=info["key"], signature_scheme=info["signature_scheme"])
        genuine = genuine_session.send(shell, "kernel_info_request", content={})

        # One socket delivers in order: a reply to the forged request would come first.
        assert shell.poll(SOCKET_WAIT_MS * 10) == zmq.POLLIN
        _, reply = genuine_session.recv(shell, mode=0)
        assert reply["parent_header"]["msg_id"] == genuine["header"]["msg_id"]
        assert reply["msg_type"] == "kernel_info_reply"
        assert shell.poll(SOCKET_WAIT_MS) == 0, "the forged request must get no reply"
    finally:
        shell.close()

    # Nothing ran: no message the kernel sent names the forged request as its parent.
    assert kernel.execute('"still here"').result() == "still here"
    stray = [m for m in kernel.unclaimed if m["parent_header"].get("msg_id") == forged["header"]["msg_id"]]
    assert stray == []


def test_restart_forgets_everything_and_the_kernel_works(kernel: Kernel) -> None:
    kernel.execute("val beforeRestart = 1")

    kernel.manager.restart_kernel(now=False)
    kernel.client.wait_for_ready(timeout=180)

    gone = kernel.execute("beforeRestart")
    assert gone.status == "error"
    assert "beforeRestart" in "\n".join(gone.error["traceback"]) + gone.error["evalue"]
    assert kernel.execute("40 + 2").result() == "42"
