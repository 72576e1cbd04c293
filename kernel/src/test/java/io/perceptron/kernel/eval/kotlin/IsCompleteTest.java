package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.perceptron.kernel.eval.Completeness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whether a console front end should run the cell or wait for more lines. */
class IsCompleteTest extends WithKotlinSession {

    @ParameterizedTest
    @ValueSource(strings = {
            "val x = 1",
            "",
            "fun f(): Int {\n    return 1\n}",
            "val s = \"a { ( [ b\"",
            "val c = '}'",
            "// a comment with ( and {",
            "/* a /* nested */ comment */ val y = 2",
            "val raw = \"\"\"\n  {multi\n  line\"\"\"",
            "val t = \"${listOf(1).map { it + 1 }}\"",
            "import tech.tablesaw.api.*",
            "var n = 0\nn++",
            "val `odd name` = 1"})
    void wellFormedCodeIsComplete(String code) {
        assertEquals(Completeness.COMPLETE, kotlin.isComplete(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fun f() {",
            "listOf(1,\n2",
            "val a = arrayOf(1, 2",
            "val s = \"unfinished",
            "val raw = \"\"\"still open",
            "/* open comment",
            "val t = \"${1 + ",
            "val x =",
            "val y = 1 +",
            "model.dense(16)."})
    void openCodeIsIncomplete(String code) {
        assertEquals(Completeness.INCOMPLETE, kotlin.isComplete(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"}", "val x = (1]", "foo())", "val s = \"broken\nstring\""})
    void codeThatCannotBecomeValidIsInvalid(String code) {
        assertEquals(Completeness.INVALID, kotlin.isComplete(code));
    }

    @Test
    void checkingRunsNothing() {
        String code = "System.setProperty(\"perceptron.test.isCompleteRan\", \"yes\")";

        assertEquals(Completeness.COMPLETE, kotlin.isComplete(code));
        assertNull(System.getProperty("perceptron.test.isCompleteRan"));
    }
}
