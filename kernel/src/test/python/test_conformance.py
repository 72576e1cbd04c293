"""The jupyter_kernel_test conformance suite, configured for the perceptron kernel."""
from __future__ import annotations

import jupyter_kernel_test

import perceptron_client  # noqa: F401  (points Jupyter at the venv's kernelspec first)


class PerceptronConformanceTests(jupyter_kernel_test.KernelTests):
    kernel_name = perceptron_client.KERNEL_NAME
    language_name = "kotlin"
    file_extension = ".kt"

    code_hello_world = 'println("hello, world")'
    code_stderr = 'System.err.println("something went wrong")'

    completion_samples = [{"text": '"hello".leng', "matches": {"length"}}]

    complete_code_samples = ["1 + 1", "val x = 1", "fun f() {\n    println(1)\n}"]
    incomplete_code_samples = ["fun f() {", "val list = listOf(1,", 'val s = """open']
    invalid_code_samples = ["val x = )"]

    code_generate_error = 'throw IllegalStateException("raised on purpose")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"con" + "cat"', "result": "concat"},
    ]
    code_display_data = [
        {"code": 'display("shown")', "mime": "text/plain"},
        {"code": 'display(tech.tablesaw.api.Table.create("t", tech.tablesaw.api.IntColumn.create("a", 1)))',
         "mime": "text/html"},
    ]

    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "listOf"


class PerceptronJavaConformanceTests(jupyter_kernel_test.KernelTests):
    """The same suite for the perceptron-java kernelspec: Java cells run by JShell."""

    kernel_name = perceptron_client.JAVA_KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [{"text": '"hello".leng', "matches": {"length()"}}]

    complete_code_samples = ["1 + 1", "int x = 1;", "void f() {\n    System.out.println(1);\n}"]
    incomplete_code_samples = ["void f() {", "var list = List.of(1,", 'var s = """']
    invalid_code_samples = ["}"]

    code_generate_error = 'throw new IllegalStateException("raised on purpose");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"con" + "cat"', "result": "concat"},
    ]
    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": 'display(Table.create("t", IntColumn.create("a", 1)));', "mime": "text/html"},
    ]

    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"
