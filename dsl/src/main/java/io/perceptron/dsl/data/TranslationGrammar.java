package io.perceptron.dsl.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The grammar behind {@link Datasets#translations}: a small English vocabulary of animals,
 * things, adjectives and verbs with every form Swedish and Spanish need, kept small so each
 * form can be checked by hand.
 *
 * <p>Two sentence patterns: "SUBJECT is/are ADJECTIVE" and "SUBJECT VERB OBJECT". Subjects are
 * "the cat", "cats" (all cats) or "the cats". Objects are "a ball", "the ball", "balls",
 * "the balls", "a red ball" or "red balls". What each language must get right:
 * <ul>
 *   <li>Swedish: definite forms are suffixes (katt, katten, katter, katterna); en- and ett-words
 *       take different adjective endings (en stor boll, ett stort äpple); plurals and
 *       predicates after plural subjects take -a (stora, söta); "liten" is irregular (litet,
 *       små); verbs do not change with the subject (äter).
 *   <li>Spanish: articles and adjectives agree in gender and number (la pelota roja, los
 *       huesos grandes); adjectives follow the noun; generic plurals take the article (cats
 *       are cute: los gatos son lindos); states take "estar" (está cansado), traits "ser"
 *       (es grande); verbs agree in number (come, comen).
 * </ul>
 *
 * <p>Every distinct English sentence is either a training or an unseen sentence, decided by a
 * fixed hash of its text, so the split never changes between runs or seeds.
 */
final class TranslationGrammar {

    /** The languages the grammar translates into, with the names a user may pass. */
    enum Language {
        SWEDISH("swedish", "sv", "Swedish"),
        SPANISH("spanish", "es", "Spanish");

        final String label;
        final String code;
        final String title;

        Language(String label, String code, String title) {
            this.label = label;
            this.code = code;
            this.title = title;
        }
    }

    /**
     * A noun with all its forms: English singular and plural; Swedish indefinite and definite,
     * singular and plural, and whether it is an ett-word; Spanish singular, plural and gender.
     */
    record Noun(String en, String enPlural, String sv, String svThe, String svPlural, String svThePlural,
                boolean svNeuter, String es, String esPlural, boolean esFeminine) {
    }

    /** An adjective's English form, Swedish en/ett/plural forms, Spanish four forms and copula. */
    record Adjective(String en, String sv, String svNeuter, String svPlural,
                     String es, String esFeminine, String esPlural, String esFemininePlural, boolean estar) {
    }

    /** A verb in English (he eats / they eat), Swedish (one form) and Spanish (come / comen). */
    record Verb(String en, String enPlural, String sv, String es, String esPlural, Set<String> objects) {
    }

    /** One sentence in the three languages. */
    record Sentence(String english, String swedish, String spanish) {
        String in(Language language) {
            return language == Language.SWEDISH ? swedish : spanish;
        }
    }

    private static final List<Noun> ANIMALS = List.of(
            new Noun("cat", "cats", "katt", "katten", "katter", "katterna", false, "gato", "gatos", false),
            new Noun("dog", "dogs", "hund", "hunden", "hundar", "hundarna", false, "perro", "perros", false),
            new Noun("bird", "birds", "fågel", "fågeln", "fåglar", "fåglarna", false, "pájaro", "pájaros", false),
            new Noun("horse", "horses", "häst", "hästen", "hästar", "hästarna", false, "caballo", "caballos", false),
            new Noun("cow", "cows", "ko", "kon", "kor", "korna", false, "vaca", "vacas", true),
            new Noun("sheep", "sheep", "får", "fåret", "får", "fåren", true, "oveja", "ovejas", true));

    private static final List<Noun> THINGS = List.of(
            new Noun("apple", "apples", "äpple", "äpplet", "äpplen", "äpplena", true, "manzana", "manzanas", true),
            new Noun("ball", "balls", "boll", "bollen", "bollar", "bollarna", false, "pelota", "pelotas", true),
            new Noun("bone", "bones", "ben", "benet", "ben", "benen", true, "hueso", "huesos", false),
            new Noun("carrot", "carrots", "morot", "moroten", "morötter", "morötterna", false,
                    "zanahoria", "zanahorias", true));

    private static final Adjective CUTE = new Adjective("cute", "söt", "sött", "söta",
            "lindo", "linda", "lindos", "lindas", false);
    private static final Adjective BIG = new Adjective("big", "stor", "stort", "stora",
            "grande", "grande", "grandes", "grandes", false);
    private static final Adjective SMALL = new Adjective("small", "liten", "litet", "små",
            "pequeño", "pequeña", "pequeños", "pequeñas", false);
    private static final Adjective HAPPY = new Adjective("happy", "glad", "glatt", "glada",
            "feliz", "feliz", "felices", "felices", true);
    private static final Adjective TIRED = new Adjective("tired", "trött", "trött", "trötta",
            "cansado", "cansada", "cansados", "cansadas", true);
    private static final Adjective HUNGRY = new Adjective("hungry", "hungrig", "hungrigt", "hungriga",
            "hambriento", "hambrienta", "hambrientos", "hambrientas", true);
    private static final Adjective RED = new Adjective("red", "röd", "rött", "röda",
            "rojo", "roja", "rojos", "rojas", false);
    private static final Adjective GREEN = new Adjective("green", "grön", "grönt", "gröna",
            "verde", "verde", "verdes", "verdes", false);

    /** What an animal can be. */
    private static final List<Adjective> PREDICATES = List.of(CUTE, BIG, SMALL, HAPPY, TIRED, HUNGRY);
    /** What a thing can look like. */
    private static final List<Adjective> ATTRIBUTES = List.of(BIG, SMALL, RED, GREEN);

    private static final Set<String> EVERYTHING = Set.of("apple", "ball", "bone", "carrot");
    private static final List<Verb> VERBS = List.of(
            new Verb("eats", "eat", "äter", "come", "comen", Set.of("apple", "bone", "carrot")),
            new Verb("sees", "see", "ser", "ve", "ven", EVERYTHING),
            new Verb("has", "have", "har", "tiene", "tienen", EVERYTHING),
            new Verb("wants", "want", "vill ha", "quiere", "quieren", EVERYTHING));

    /** Share of distinct sentences held out as unseen, in percent. */
    private static final int UNSEEN_PERCENT = 15;

    private static final List<Sentence> TRAINING = new ArrayList<>();
    private static final List<Sentence> UNSEEN = new ArrayList<>();

    static {
        for (Sentence sentence : allSentences()) {
            (isUnseen(sentence.english()) ? UNSEEN : TRAINING).add(sentence);
        }
    }

    private TranslationGrammar() {
    }

    /** The language for a user's name or code ("swedish", "Spanish", "sv"). */
    static Language language(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Language language : Language.values()) {
            if (language.label.equals(wanted) || language.code.equals(wanted)) {
                return language;
            }
        }
        throw DataErrors.unknownLanguage(String.valueOf(name),
                Arrays.stream(Language.values()).map(l -> l.label).toList());
    }

    /** {@code n} distinct sentences of one part of the corpus, in random order. */
    static List<Sentence> sample(int n, long seed, boolean unseen) {
        List<Sentence> pool = unseen ? UNSEEN : TRAINING;
        Datasets.requireAtLeast("number of sentences", n, 1);
        if (n > pool.size()) {
            throw DataErrors.tooManySentences(n, pool.size(), unseen ? "unseen" : "training");
        }
        int[] order = Shuffle.order(pool.size(), new Random(seed));
        List<Sentence> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(pool.get(order[i]));
        return out;
    }

    static Table table(Language language, int n, long seed, boolean unseen) {
        List<Sentence> sentences = sample(n, seed, unseen);
        return Table.create((unseen ? "unseen " : "") + "English → " + language.title,
                StringColumn.create("english", sentences.stream().map(Sentence::english).toList()),
                StringColumn.create("target", sentences.stream().map(s -> s.in(language)).toList()));
    }

    static Table parallelTable(int n, long seed, boolean unseen) {
        List<Sentence> sentences = sample(n, seed, unseen);
        return Table.create((unseen ? "unseen " : "") + "English → Swedish, Spanish",
                StringColumn.create("english", sentences.stream().map(Sentence::english).toList()),
                StringColumn.create(Language.SWEDISH.label, sentences.stream().map(Sentence::swedish).toList()),
                StringColumn.create(Language.SPANISH.label, sentences.stream().map(Sentence::spanish).toList()));
    }

    /** Whether a sentence belongs to the held-out part: a fixed hash, the same in every run. */
    static boolean isUnseen(String english) {
        // String.hashCode is specified by the Java language, so the split is stable everywhere;
        // the multiply spreads neighbouring hashes before taking the remainder.
        long mixed = (english.hashCode() * 0x9E3779B97F4A7C15L) >>> 33;
        return mixed % 100 < UNSEEN_PERCENT;
    }

    /** Every sentence the grammar can produce, in a fixed order. */
    static List<Sentence> allSentences() {
        List<Sentence> out = new ArrayList<>();
        for (Noun animal : ANIMALS) {
            for (SubjectForm form : SubjectForm.values()) {
                for (Adjective adjective : PREDICATES) {
                    out.add(describe(animal, form, adjective));
                }
                for (Verb verb : VERBS) {
                    for (Noun thing : THINGS) {
                        if (!verb.objects().contains(thing.en())) {
                            continue;
                        }
                        for (ObjectForm objectForm : ObjectForm.values()) {
                            if (objectForm.hasAdjective) {
                                for (Adjective adjective : ATTRIBUTES) {
                                    out.add(act(animal, form, verb, thing, objectForm, adjective));
                                }
                            } else {
                                out.add(act(animal, form, verb, thing, objectForm, null));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** How the subject is named: "the cat", "cats" (cats in general) or "the cats". */
    private enum SubjectForm {
        THE(false), ALL(true), THE_PLURAL(true);

        final boolean plural;

        SubjectForm(boolean plural) {
            this.plural = plural;
        }
    }

    /** How the object is named: "a ball", "the ball", "balls", "the balls", "a red ball", "red balls". */
    private enum ObjectForm {
        A(false, false), THE(false, false), SOME(true, false), THE_PLURAL(true, false),
        A_WITH_ADJECTIVE(false, true), SOME_WITH_ADJECTIVE(true, true);

        final boolean plural;
        final boolean hasAdjective;

        ObjectForm(boolean plural, boolean hasAdjective) {
            this.plural = plural;
            this.hasAdjective = hasAdjective;
        }
    }

    /** "the cat is cute" / "katten är söt" / "el gato es lindo". */
    private static Sentence describe(Noun animal, SubjectForm form, Adjective adjective) {
        boolean plural = form.plural;
        String english = englishSubject(animal, form) + (plural ? " are " : " is ") + adjective.en();
        String swedish = swedishSubject(animal, form) + " är " + swedishAdjective(adjective, animal, plural);
        String copula = adjective.estar() ? (plural ? "están" : "está") : (plural ? "son" : "es");
        String spanish = spanishSubject(animal, plural) + " " + copula + " "
                + spanishAdjective(adjective, animal, plural);
        return new Sentence(english, swedish, spanish);
    }

    /** "the dog eats a big bone" / "hunden äter ett stort ben" / "el perro come un hueso grande". */
    private static Sentence act(Noun animal, SubjectForm form, Verb verb, Noun thing, ObjectForm object, Adjective adjective) {
        boolean plural = form.plural;
        String english = englishSubject(animal, form) + " " + (plural ? verb.enPlural() : verb.en()) + " "
                + englishObject(thing, object, adjective);
        String swedish = swedishSubject(animal, form) + " " + verb.sv() + " " + swedishObject(thing, object, adjective);
        String spanish = spanishSubject(animal, plural) + " " + (plural ? verb.esPlural() : verb.es()) + " "
                + spanishObject(thing, object, adjective);
        return new Sentence(english, swedish, spanish);
    }

    private static String englishSubject(Noun noun, SubjectForm form) {
        return switch (form) {
            case THE -> "the " + noun.en();
            case ALL -> noun.enPlural();
            case THE_PLURAL -> "the " + noun.enPlural();
        };
    }

    private static String swedishSubject(Noun noun, SubjectForm form) {
        return switch (form) {
            case THE -> noun.svThe();
            case ALL -> noun.svPlural();
            case THE_PLURAL -> noun.svThePlural();
        };
    }

    /** Spanish names animals in general with the definite article too: "los gatos". */
    private static String spanishSubject(Noun noun, boolean plural) {
        return spanishArticle(noun, plural, true) + " " + (plural ? noun.esPlural() : noun.es());
    }

    private static String englishObject(Noun noun, ObjectForm form, Adjective adjective) {
        return switch (form) {
            case A -> englishIndefinite(noun.en()) + " " + noun.en();
            case THE -> "the " + noun.en();
            case SOME -> noun.enPlural();
            case THE_PLURAL -> "the " + noun.enPlural();
            case A_WITH_ADJECTIVE -> englishIndefinite(adjective.en()) + " " + adjective.en() + " " + noun.en();
            case SOME_WITH_ADJECTIVE -> adjective.en() + " " + noun.enPlural();
        };
    }

    private static String englishIndefinite(String nextWord) {
        return "aeiou".indexOf(nextWord.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String swedishObject(Noun noun, ObjectForm form, Adjective adjective) {
        String article = noun.svNeuter() ? "ett" : "en";
        return switch (form) {
            case A -> article + " " + noun.sv();
            case THE -> noun.svThe();
            case SOME -> noun.svPlural();
            case THE_PLURAL -> noun.svThePlural();
            case A_WITH_ADJECTIVE -> article + " " + swedishAdjective(adjective, noun, false) + " " + noun.sv();
            case SOME_WITH_ADJECTIVE -> swedishAdjective(adjective, noun, true) + " " + noun.svPlural();
        };
    }

    private static String spanishObject(Noun noun, ObjectForm form, Adjective adjective) {
        return switch (form) {
            case A -> spanishArticle(noun, false, false) + " " + noun.es();
            case THE -> spanishArticle(noun, false, true) + " " + noun.es();
            case SOME -> noun.esPlural();
            case THE_PLURAL -> spanishArticle(noun, true, true) + " " + noun.esPlural();
            case A_WITH_ADJECTIVE -> spanishArticle(noun, false, false) + " " + noun.es() + " "
                    + spanishAdjective(adjective, noun, false);
            case SOME_WITH_ADJECTIVE -> noun.esPlural() + " " + spanishAdjective(adjective, noun, true);
        };
    }

    private static String spanishArticle(Noun noun, boolean plural, boolean definite) {
        if (definite) {
            return noun.esFeminine() ? (plural ? "las" : "la") : (plural ? "los" : "el");
        }
        return noun.esFeminine() ? "una" : "un";
    }

    /** The indefinite (and predicative) form: stor / stort / stora. */
    private static String swedishAdjective(Adjective adjective, Noun noun, boolean plural) {
        if (plural) {
            return adjective.svPlural();
        }
        return noun.svNeuter() ? adjective.svNeuter() : adjective.sv();
    }

    private static String spanishAdjective(Adjective adjective, Noun noun, boolean plural) {
        if (noun.esFeminine()) {
            return plural ? adjective.esFemininePlural() : adjective.esFeminine();
        }
        return plural ? adjective.esPlural() : adjective.es();
    }
}
