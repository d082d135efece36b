package io.coachmatch.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimezoneTests {

    @Nested
    class Parsing {
        @Test
        void readsFixedOffsetsInTheContractsForms() {
            assertThat(Timezones.parse("UTC-8")).isEqualTo(ZoneOffset.ofHours(-8));
            assertThat(Timezones.parse("UTC+05:30")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
            assertThat(Timezones.parse("GMT+2")).isEqualTo(ZoneOffset.ofHours(2));
            assertThat(Timezones.parse("UTC")).isEqualTo(ZoneOffset.UTC);
        }

        @Test
        void readsIanaNames() {
            assertThat(Timezones.parse("America/Los_Angeles")).isEqualTo(ZoneId.of("America/Los_Angeles"));
        }

        @Test
        void rejectsUnknownZonesAndImpossibleOffsets() {
            assertThatThrownBy(() -> Timezones.parse("Mars/Olympus")).hasMessageContaining("Mars/Olympus");
            assertThatThrownBy(() -> Timezones.parse("UTC+19")).hasMessageContaining("out of range");
            assertThatThrownBy(() -> Timezones.parse("PST")).hasMessageContaining("unknown timezone");
        }
    }

    @Nested
    class Clock {
        @Test
        void readsTimesAndRanges() {
            assertThat(ClockTime.parseMinutes("09:30")).isEqualTo(570);
            assertThat(ClockTime.parseMinutes("24:00")).isEqualTo(1440);
            assertThat(ClockTime.parseRange("22:00-02:00")).containsExactly(1320, 120);
            assertThat(ClockTime.span(1320, 120)).isEqualTo(240);
            assertThat(ClockTime.span(0, 1440)).isEqualTo(1440);
        }

        @Test
        void rejectsImpossibleTimesAndEmptySlots() {
            assertThatThrownBy(() -> ClockTime.parseMinutes("24:30")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ClockTime.parseMinutes("9:00")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ClockTime.parseRange("10:00-10:00")).hasMessageContaining("empty");
        }
    }

    @Nested
    class Masks {
        static final int TUESDAY = 1440;

        @Test
        void aSlotPastMidnightContinuesOnTheNextDay() {
            long[] m = WeekMask.empty();
            WeekMask.addRange(m, 22 * 60, ClockTime.span(22 * 60, 2 * 60), 0);
            assertThat(WeekMask.count(m)).isEqualTo(16);
            assertThat(WeekMask.contains(m, (TUESDAY + 60) / 15)).isTrue();
            assertThat(WeekMask.contains(m, (TUESDAY + 120) / 15)).isFalse();
        }

        @Test
        void theWeekIsCircularFromSundayIntoMonday() {
            long[] m = WeekMask.empty();
            int sunday23 = 6 * 1440 + 23 * 60;
            WeekMask.addRange(m, sunday23, 120, 0);
            assertThat(WeekMask.contains(m, WeekMask.CELLS - 1)).isTrue();
            assertThat(WeekMask.contains(m, 0)).isTrue();
            assertThat(WeekMask.contains(m, 4)).isFalse();
            assertThat(WeekMask.count(m)).isEqualTo(8);
        }

        @Test
        void widensTimesOffTheQuarterHour() {
            long[] m = WeekMask.empty();
            WeekMask.addRange(m, 9 * 60 + 10, 10, 0);
            assertThat(WeekMask.count(m)).isEqualTo(2);
        }

        @Test
        void aShiftMovesEveryCell() {
            long[] m = WeekMask.empty();
            WeekMask.addRange(m, 0, 60, 8 * 60);
            assertThat(WeekMask.contains(m, 8 * 4)).isTrue();
            assertThat(WeekMask.contains(m, 0)).isFalse();
            long[] back = WeekMask.empty();
            WeekMask.addRange(back, 0, 60, -60);
            assertThat(WeekMask.contains(back, WeekMask.CELLS - 1)).isTrue();
        }
    }
}
