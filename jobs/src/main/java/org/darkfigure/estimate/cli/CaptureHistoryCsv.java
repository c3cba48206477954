package org.darkfigure.estimate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.darkfigure.estimate.CaptureHistory;

/**
 * Reads a capture-history table: a header naming the lists and a final {@code count} column, then one
 * row per observed pattern of 0/1 values. Repeated patterns add up; absent patterns count 0. Every
 * mistake is reported with its line and column.
 */
public final class CaptureHistoryCsv {

    private CaptureHistoryCsv() {
    }

    /** A malformed table; the message names the line and column. */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        public FormatException(String message) {
            super(message);
        }
    }

    public static CaptureHistory read(Reader in) throws IOException {
        BufferedReader reader = new BufferedReader(in);
        String headerLine = reader.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new FormatException("line 1: the table is empty; expected a header such as L1,L2,L3,count");
        }
        List<String> header = Arrays.stream(stripBom(headerLine).split(",", -1)).map(String::trim).toList();
        if (header.size() < 2 || !header.get(header.size() - 1).equalsIgnoreCase("count")) {
            throw new FormatException("line 1: the last column must be 'count' (one 0/1 column per list before it), got "
                    + header);
        }
        List<String> lists = new ArrayList<>(header.subList(0, header.size() - 1));
        if (lists.size() > CaptureHistory.MAX_LISTS) {
            throw new FormatException("line 1: " + lists.size() + " lists; at most " + CaptureHistory.MAX_LISTS + " are supported");
        }
        for (int i = 0; i < lists.size(); i++) {
            if (lists.get(i).isEmpty()) {
                throw new FormatException("line 1, column " + (i + 1) + ": the list has no name");
            }
            if (lists.indexOf(lists.get(i)) != i) {
                throw new FormatException("line 1: list '" + lists.get(i) + "' is named twice");
            }
        }
        Map<Integer, Long> counts = new HashMap<>();
        int lineNumber = 1;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new FormatException("line " + lineNumber + ": " + cells.length + " values, the header has " + header.size());
            }
            int pattern = 0;
            for (int i = 0; i < lists.size(); i++) {
                String v = cells[i].trim();
                if (v.equals("1")) {
                    pattern |= 1 << i;
                } else if (!v.equals("0")) {
                    throw new FormatException("line " + lineNumber + ", column " + lists.get(i) + ": '" + v
                            + "' is not 0 or 1");
                }
            }
            long count;
            try {
                count = Long.parseLong(cells[lists.size()].trim());
            } catch (NumberFormatException e) {
                throw new FormatException("line " + lineNumber + ", column count: '" + cells[lists.size()].trim()
                        + "' is not a whole number");
            }
            if (count < 0) {
                throw new FormatException("line " + lineNumber + ", column count: " + count + " is negative");
            }
            if (pattern == 0) {
                if (count == 0) {
                    continue;
                }
                throw new FormatException("line " + lineNumber + ": the all-zero pattern is the unobserved cell; "
                        + "nobody can be counted on no list");
            }
            counts.merge(pattern, count, Long::sum);
        }
        CaptureHistory history = CaptureHistory.of(lists, counts);
        if (history.observed() == 0) {
            throw new FormatException("the table counts nobody");
        }
        return history;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
