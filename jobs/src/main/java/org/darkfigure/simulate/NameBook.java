package org.darkfigure.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Names as the registers of a migration route hold them (issue 16): each name in its own script where it has one,
 * and the Latin spellings agencies actually use for it (passport, police and NGO transliterations differ: Mohammad,
 * Muhammad, Mohammed, Mohamed; Hossain, Hussein; Zhang and Chang), by group of origin. A person draws a name; each
 * agency writes it in one of its spellings or, sometimes, in the original script. The lists are short on purpose:
 * common names are common (many people share them), and {@link #made} adds the long tail of rarer ones.
 */
final class NameBook {

    /** One name: its original script (null if Latin is its own) and its spellings, the first the most common. */
    record Name(String script, List<String> latin) {
        Name(String script, String... latin) {
            this(script, List.of(latin));
        }
    }

    /** A group of origin: citizenship code, its given and family names, and whether its people have a family name. */
    record Group(String citizenship, double weight, List<Name> given, List<Name> family) {
    }

    private static final List<Name> ARABIC_GIVEN = List.of(
            new Name("محمد", "Mohammad", "Muhammad", "Mohammed", "Mohamed", "Mohamad"),
            new Name("احمد", "Ahmad", "Ahmed", "Ahmet"),
            new Name("عبدالله", "Abdullah", "Abdallah", "Abdulla"),
            new Name("عبدالرحمن", "Abdul Rahman", "Abdulrahman", "Abdurrahman"),
            new Name("علی", "Ali", "Aly"),
            new Name("حسین", "Hussain", "Hossein", "Husain", "Hussein"),
            new Name("فاطمه", "Fatima", "Fatemeh", "Fatimah"),
            new Name("زینب", "Zainab", "Zeinab", "Zaynab"),
            new Name("یوسف", "Yusuf", "Yousef", "Yousuf", "Youssef"),
            new Name("رضا", "Reza", "Raza"),
            new Name("مریم", "Maryam", "Mariam"),
            new Name("نور", "Nur", "Noor", "Nour"),
            new Name("خالد", "Khalid", "Khaled"),
            new Name("جمال", "Jamal", "Djamal"),
            new Name("عمر", "Omar", "Umar"),
            new Name("کریم", "Karim", "Kareem"),
            new Name("سمیرا", "Samira", "Sameera"),
            new Name("ابراهیم", "Ibrahim", "Ebrahim", "Ibraheem"));

    private static final List<Name> AFGHAN_FAMILY = List.of(
            new Name("خان", "Khan", "Kahn"),
            new Name("رحیمی", "Rahimi", "Raheemi"),
            new Name("حسینی", "Hosseini", "Husseini", "Hussaini"),
            new Name("کریمی", "Karimi", "Kareemi"),
            new Name("احمدی", "Ahmadi", "Ahmedi"),
            new Name("محمدی", "Mohammadi", "Muhammadi", "Mohamadi"),
            new Name("حیدری", "Haidari", "Heydari", "Haydari"),
            new Name("سلطانی", "Sultani", "Soltani"),
            new Name("عزیزی", "Azizi", "Azizy"),
            new Name("نوری", "Noori", "Nouri", "Nuri"),
            new Name("صافی", "Safi", "Saafi"),
            new Name("شریفی", "Sharifi", "Shareefi"),
            new Name("پوپل", "Popal", "Popel"),
            new Name("ستانکزی", "Stanekzai", "Stanikzai"));

    private static final List<Name> ARAB_FAMILY = List.of(
            new Name("الحسن", "Al-Hassan", "Alhasan", "El Hassan"),
            new Name("العلي", "Al-Ali", "Alali", "El Ali"),
            new Name("حداد", "Haddad", "Hadad"),
            new Name("ابراهيم", "Ibrahim", "Ebrahim"),
            new Name("الخطيب", "Al-Khatib", "Alkhatib", "El Khatib"),
            new Name("محمود", "Mahmoud", "Mahmud", "Mehmood"),
            new Name("صالح", "Saleh", "Salih", "Saleh"),
            new Name("يوسف", "Youssef", "Yusuf", "Yousef"),
            new Name("عثمان", "Othman", "Osman", "Uthman"),
            new Name("منصور", "Mansour", "Mansur"));

    private static final List<Name> BENGALI_GIVEN = List.of(
            new Name("রহিম", "Rahim", "Raheem"),
            new Name("করিম", "Karim", "Kareem"),
            new Name("মোহাম্মদ", "Mohammad", "Mohammed", "Muhammad", "Md"),
            new Name("আব্দুল", "Abdul", "Abdool"),
            new Name("নাসরিন", "Nasrin", "Nasreen"),
            new Name("সাদিয়া", "Sadia", "Sadiya"),
            new Name("রুবিনা", "Rubina", "Rubeena"),
            new Name("জামাল", "Jamal", "Jamaal"),
            new Name("শফিক", "Shafiq", "Shafik"),
            new Name("হাসান", "Hasan", "Hassan"));

    private static final List<Name> BENGALI_FAMILY = List.of(
            new Name("বেগম", "Begum", "Begam"),
            new Name("হোসেন", "Hossain", "Hossen", "Hussain"),
            new Name("ইসলাম", "Islam", "Eslam"),
            new Name("আক্তার", "Akter", "Akhter", "Aktar"),
            new Name("চৌধুরী", "Chowdhury", "Choudhury", "Chowdhuri"),
            new Name("উদ্দিন", "Uddin", "Uddeen"),
            new Name("রহমান", "Rahman", "Rehman"),
            new Name("মিয়া", "Mia", "Miah", "Miya"),
            new Name("সরকার", "Sarkar", "Sircar"),
            new Name("খাতুন", "Khatun", "Khatoon"));

    private static final List<Name> MYANMAR_GIVEN = List.of(
            new Name(null, "Aung", "Aong"), new Name(null, "Kyaw", "Kyau"), new Name(null, "Htun", "Tun", "Htoon"),
            new Name(null, "Hla", "Hlaa"), new Name(null, "Khin", "Khinn"), new Name(null, "Thandar", "Thanda"),
            new Name(null, "Zaw", "Zau"), new Name(null, "Myint", "Myintt"), new Name(null, "Nyein", "Nyain"),
            new Name(null, "Soe", "So"), new Name(null, "Thein", "Thien"), new Name(null, "Win", "Winn"));

    private static final List<Name> MYANMAR_FAMILY = List.of(
            new Name(null, "Oo", "U"), new Name(null, "Win", "Winn"), new Name(null, "Myint", "Myintt"),
            new Name(null, "Naing", "Naign"), new Name(null, "Lwin", "Lwinn"), new Name(null, "Htet", "Htett"),
            new Name(null, "Maung", "Mg"), new Name(null, "Thu", "Thoo"), new Name(null, "Aye", "Aiy"));

    private static final List<Name> CHINESE_GIVEN = List.of(
            new Name("偉", "Wei", "Wai"), new Name("芳", "Fang", "Fong"), new Name("娜", "Na", "Nah"),
            new Name("靜", "Jing", "Ching"), new Name("強", "Qiang", "Chiang", "Keung"), new Name("敏", "Min", "Man"),
            new Name("麗", "Li", "Lai", "Lee"), new Name("軍", "Jun", "Chun"), new Name("傑", "Jie", "Chieh", "Kit"),
            new Name("濤", "Tao", "Tou"));

    private static final List<Name> CHINESE_FAMILY = List.of(
            new Name("張", "Zhang", "Chang", "Cheung"), new Name("王", "Wang", "Wong"), new Name("李", "Li", "Lee"),
            new Name("劉", "Liu", "Lau", "Lew"), new Name("陳", "Chen", "Chan", "Tan"), new Name("楊", "Yang", "Yeung"),
            new Name("黃", "Huang", "Wong", "Hwang"), new Name("趙", "Zhao", "Chao", "Chiu"), new Name("吳", "Wu", "Ng"),
            new Name("周", "Zhou", "Chow", "Chou"));

    private static final List<Name> VIETNAMESE_GIVEN = List.of(
            new Name("Văn An", "Van An"), new Name("Thị Hoa", "Thi Hoa"), new Name("Minh Tuấn", "Minh Tuan"),
            new Name("Thị Lan", "Thi Lan"), new Name("Đức Anh", "Duc Anh"), new Name("Thị Hương", "Thi Huong"),
            new Name("Quang Huy", "Quang Huy"), new Name("Thị Mai", "Thi Mai"));

    private static final List<Name> VIETNAMESE_FAMILY = List.of(
            new Name("Nguyễn", "Nguyen", "Nguyen"), new Name("Trần", "Tran"), new Name("Lê", "Le"), new Name("Phạm", "Pham"),
            new Name("Hoàng", "Hoang", "Huynh"), new Name("Võ", "Vo", "Vu"), new Name("Đặng", "Dang"), new Name("Bùi", "Bui"));

    private static final List<Name> SOMALI_GIVEN = List.of(
            new Name(null, "Mohamed", "Mohammed", "Maxamed"), new Name(null, "Abdi", "Cabdi"),
            new Name(null, "Hassan", "Xasan", "Hasan"), new Name(null, "Amina", "Aamina"), new Name(null, "Hodan", "Xodan"),
            new Name(null, "Faadumo", "Fadumo", "Fatuma"), new Name(null, "Ahmed", "Axmed"), new Name(null, "Ali", "Cali"));

    private static final List<Name> SOMALI_FAMILY = List.of(
            new Name(null, "Warsame", "Warsama"), new Name(null, "Omar", "Cumar"), new Name(null, "Yusuf", "Yuusuf"),
            new Name(null, "Abdullahi", "Cabdullaahi"), new Name(null, "Farah", "Faarax"), new Name(null, "Osman", "Cismaan"),
            new Name(null, "Jama", "Jaamac"), new Name(null, "Hussein", "Xuseen", "Hussen"));

    static final List<Group> GROUPS = List.of(
            new Group("AFG", 0.24, ARABIC_GIVEN, AFGHAN_FAMILY),
            new Group("SYR", 0.14, ARABIC_GIVEN, ARAB_FAMILY),
            new Group("BGD", 0.14, BENGALI_GIVEN, BENGALI_FAMILY),
            new Group("MMR", 0.14, MYANMAR_GIVEN, MYANMAR_FAMILY),
            new Group("CHN", 0.10, CHINESE_GIVEN, CHINESE_FAMILY),
            new Group("VNM", 0.10, VIETNAMESE_GIVEN, VIETNAMESE_FAMILY),
            new Group("SOM", 0.14, SOMALI_GIVEN, SOMALI_FAMILY));

    private NameBook() {
    }

    static Group group(SplittableRandom random) {
        double u = random.nextDouble();
        for (Group g : GROUPS) {
            u -= g.weight();
            if (u < 0) {
                return g;
            }
        }
        return GROUPS.get(GROUPS.size() - 1);
    }

    /** A name from the list, favouring the first (a few names are very common). */
    static Name common(SplittableRandom random, List<Name> names) {
        double u = random.nextDouble();
        return names.get((int) (names.size() * u * u));
    }

    private static final String[] ONSET = {"b", "d", "f", "gh", "h", "j", "k", "kh", "l", "m", "n", "p", "r", "s", "sh",
            "t", "th", "w", "y", "z", "", "a", "o", "u"};
    private static final String[] NUCLEUS = {"a", "e", "i", "o", "u", "aa", "ai", "ou", "ee"};
    private static final String[] CODA = {"", "n", "r", "m", "d", "l", "h", "s", "z", "ng"};

    /**
     * A rarer name, made up of syllables, with the spellings transliteration gives it: a long vowel written double
     * or single, ou/u, ee/i, kh/k, sh/ch.
     */
    static Name made(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            s.append(ONSET[random.nextInt(ONSET.length)]).append(NUCLEUS[random.nextInt(NUCLEUS.length)])
                    .append(i == syllables - 1 ? CODA[random.nextInt(CODA.length)] : "");
        }
        String base = s.toString();
        String variant = base.replace("aa", "a").replace("ou", "u").replace("ee", "i").replace("kh", "k")
                .replace("sh", "ch");
        if (variant.equals(base)) {
            variant = base.replace("u", "ou").replace("i", "ee");
        }
        return new Name(null, capital(base), capital(variant));
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
