package org.darkfigure.simulate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * A simulated person's clear identity (never written anywhere: the simulator pseudonymises it at
 * once, as a member state would), and the way an agency records it: with typos, swapped name order,
 * a wrong birth date or no document.
 */
record Identity(String given, String family, LocalDate birth, String document) {

    private static final String[] GIVEN = {"Ahmad", "Mohammad", "Abdul", "Fatima", "Aung", "Kyaw", "Nur", "Siti", "Hassan",
            "Ali", "Reza", "Mei", "Hoa", "Rahim", "Karim", "Zainab", "Maryam", "Tun", "Hla", "Rohim", "Sadia", "Nasrin",
            "Farid", "Omid", "Parisa", "Sarwar", "Khin", "Thandar", "Mohammed", "Yusuf", "Amina", "Bibi", "Jamal"};
    private static final String[] FAMILY = {"Rahimi", "Hosseini", "Khan", "Win", "Oo", "Ahmed", "Nguyen", "Tran", "Begum",
            "Haidari", "Karimi", "Sultani", "Aziz", "Myint", "Htun", "Rahman", "Islam", "Hossain", "Mohammadi", "Popal",
            "Sharifi", "Zaw", "Thein", "Chowdhury", "Uddin", "Akter", "Hakimi", "Noori", "Safi", "Stanekzai"};
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private static final String[] ONSET = {"b", "d", "f", "gh", "h", "j", "k", "kh", "l", "m", "n", "p", "r", "s", "sh", "t",
            "th", "w", "y", "z", "", "a", "o", "u"};
    private static final String[] NUCLEUS = {"a", "e", "i", "o", "u", "aa", "ai", "ou", "ee"};
    private static final String[] CODA = {"", "n", "r", "m", "d", "l", "h", "s", "z", "ng"};

    static Identity draw(SplittableRandom random, int year) {
        // a large name space, as real populations have: common names, and many rarer made-up ones
        String given = random.nextDouble() < 0.5 ? GIVEN[random.nextInt(GIVEN.length)] : made(random);
        if (random.nextDouble() < 0.3) {
            given = given + " " + GIVEN[random.nextInt(GIVEN.length)];
        }
        String family = random.nextDouble() < 0.4 ? FAMILY[random.nextInt(FAMILY.length)] : made(random);
        LocalDate birth = LocalDate.of(year - 15 - random.nextInt(40), 1, 1).plusDays(random.nextInt(365));
        String document = random.nextDouble() < 0.6 ? String.format("P%07d", random.nextInt(10_000_000)) : null;
        return new Identity(given, family, birth, document);
    }

    /** A pronounceable made-up name of two or three syllables. */
    private static String made(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            s.append(ONSET[random.nextInt(ONSET.length)]).append(NUCLEUS[random.nextInt(NUCLEUS.length)])
                    .append(i == syllables - 1 ? CODA[random.nextInt(CODA.length)] : "");
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The identity as one agency records it: each error with its own probability. */
    Identity asRecorded(SplittableRandom random) {
        String g = random.nextDouble() < 0.12 ? typo(given, random) : given;
        String f = random.nextDouble() < 0.08 ? typo(family, random) : family;
        if (random.nextDouble() < 0.05) {
            String t = g; // family name written first
            g = f;
            f = t;
        }
        LocalDate b = birth;
        double r = random.nextDouble();
        if (r < 0.05) {
            b = b.plusYears(random.nextBoolean() ? 1 : -1);
        } else if (r < 0.08) {
            b = b.plusDays(1 + random.nextInt(20));
        }
        String d = document == null || random.nextDouble() < 0.2 ? null
                : random.nextDouble() < 0.05 ? typo(document, random) : document;
        return new Identity(g, f, b, d);
    }

    static String typo(String s, SplittableRandom random) {
        int at = random.nextInt(s.length());
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, at) + LETTERS.charAt(random.nextInt(26)) + s.substring(Math.min(s.length(), at + 1));
            case 1 -> s.length() > 3 ? s.substring(0, at) + s.substring(at + 1) : s + "a";
            default -> s.substring(0, at) + LETTERS.charAt(random.nextInt(26)) + s.substring(at);
        };
    }
}
