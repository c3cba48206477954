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

    static Identity draw(SplittableRandom random, int year) {
        String given = GIVEN[random.nextInt(GIVEN.length)];
        if (random.nextDouble() < 0.3) {
            given = given + " " + GIVEN[random.nextInt(GIVEN.length)];
        }
        LocalDate birth = LocalDate.of(year - 15 - random.nextInt(40), 1, 1).plusDays(random.nextInt(365));
        String document = random.nextDouble() < 0.6 ? String.format("P%07d", random.nextInt(10_000_000)) : null;
        return new Identity(given, FAMILY[random.nextInt(FAMILY.length)], birth, document);
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

    private static String typo(String s, SplittableRandom random) {
        int at = random.nextInt(s.length());
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, at) + LETTERS.charAt(random.nextInt(26)) + s.substring(Math.min(s.length(), at + 1));
            case 1 -> s.length() > 3 ? s.substring(0, at) + s.substring(at + 1) : s + "a";
            default -> s.substring(0, at) + LETTERS.charAt(random.nextInt(26)) + s.substring(at);
        };
    }
}
