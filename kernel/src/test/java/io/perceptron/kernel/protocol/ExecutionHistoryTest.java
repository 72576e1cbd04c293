package io.perceptron.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three ways a front end asks for past cells. */
class ExecutionHistoryTest {
    private final ExecutionHistory history = new ExecutionHistory();

    @BeforeEach
    void runSomeCells() {
        history.add(1, "val x = 6");
        history.add(2, "x * 7");
        history.output(2, "42");
        history.add(3, "println(x)");
        history.add(4, "x * 7");
    }

    private static List<String> inputs(List<ExecutionHistory.Entry> entries) {
        return entries.stream().map(ExecutionHistory.Entry::input).toList();
    }

    @Test
    void tailGivesTheLastCellsOldestFirst() {
        assertEquals(List.of("println(x)", "x * 7"), inputs(history.tail(2)));
        assertEquals(4, history.tail(100).size());
    }

    @Test
    void rangeGivesCellsFromStartUpToButExcludingStop() {
        List<ExecutionHistory.Entry> entries = history.range(0, 2, 4);

        assertEquals(List.of(2, 3), entries.stream().map(ExecutionHistory.Entry::line).toList());
        assertEquals("42", entries.get(0).output());
    }

    @Test
    void rangeOfThisSessionByNumberMatchesSessionZeroAndOtherSessionsAreEmpty() {
        assertEquals(history.range(0, 1, 0), history.range(ExecutionHistory.SESSION, 1, 0));
        assertEquals(List.of(), history.range(7, 1, 0));
    }

    @Test
    void searchMatchesGlobsAndKeepsTheLatestMatches() {
        assertEquals(List.of("x * 7", "x * 7"), inputs(history.search("x ?*", 0, false)));
        assertEquals(List.of("x * 7"), inputs(history.search("x*", 0, true)));
        assertEquals(List.of("println(x)"), inputs(history.search("print*(x)", 1, false)));
    }

    @Test
    void globCharactersOtherThanStarAndQuestionMarkAreLiteral() {
        assertEquals(List.of("println(x)"), inputs(history.search("*(x)", 0, false)));
        assertEquals(List.of(), inputs(history.search("x.*", 0, false)));
    }
}
