package io.coachmatch.training.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the summaries the verbs print at the end. */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(format(c));
        }
        rows.add(r);
        return this;
    }

    static String format(Object c) {
        if (c == null) {
            return "-";
        }
        if (c instanceof Double d) {
            return d.isNaN() ? "-" : String.format("%.4f", d);
        }
        return c.toString();
    }

    void print(PrintWriter out) {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                if (i < r.size()) {
                    w[i] = Math.max(w[i], r.get(i).length());
                }
            }
        }
        StringBuilder sep = new StringBuilder();
        for (int x : w) {
            sep.append('+').append("-".repeat(x + 2));
        }
        sep.append('+');
        out.println(sep);
        out.println(line(headers, w));
        out.println(sep);
        for (List<String> r : rows) {
            out.println(line(r, w));
        }
        out.println(sep);
    }

    private static String line(List<String> cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            sb.append("| ").append(c).append(" ".repeat(w[i] - c.length() + 1));
        }
        return sb.append('|').toString();
    }
}
