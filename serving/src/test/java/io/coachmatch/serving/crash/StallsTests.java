package io.coachmatch.serving.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StallsTests {

    private static final long S = 1_000_000_000L;

    @Test
    void aStallRunsFromTheOldestWaitingRequestOrTheLastAnswerToTheNextAnswer() {
        Ledger ledger = new Ledger(4);
        book(ledger, 0, 0, 10 * S, S / 2); // answered at 10.5 s
        book(ledger, 1, 0, 12 * S, 7 * S); // sent at 12 s, answered at 19 s: nothing answered in between
        book(ledger, 2, 0, 13 * S, 6 * S + S / 2); // sent at 13 s, answered 0.5 s after the one before
        book(ledger, 3, 1, 10 * S, S / 2); // another partition, answered within a second

        List<Stalls.Stall> stalls = Stalls.of(ledger, 2, 30 * S, S);

        assertThat(stalls).singleElement().satisfies(s -> {
            assertThat(s.partition()).isZero();
            assertThat(s.start()).isEqualTo(12 * S);
            assertThat(s.end()).isEqualTo(19 * S);
        });
    }

    @Test
    void anUnansweredRequestStallsItsPartitionUntilTheEnd() {
        Ledger ledger = new Ledger(2);
        book(ledger, 0, 3, 10 * S, S / 2);
        ledger.sent(1, 12 * S);
        ledger.partition(1, 3);

        List<Stalls.Stall> stalls = Stalls.of(ledger, 6, 40 * S, S);

        assertThat(stalls).singleElement().satisfies(s -> {
            assertThat(s.start()).isEqualTo(12 * S);
            assertThat(s.end()).isEqualTo(40 * S);
        });
    }

    /** Request {@code i}, sent at {@code sentAt} to {@code partition}, answered {@code after} later. */
    private static void book(Ledger ledger, int i, int partition, long sentAt, long after) {
        ledger.sent(i, sentAt);
        ledger.partition(i, partition);
        ledger.answer(i, sentAt + after, false);
    }
}
