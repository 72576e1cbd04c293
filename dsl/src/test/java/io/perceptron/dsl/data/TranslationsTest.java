package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TranslationsTest {

    /** Every sentence the grammar makes, English to [Swedish, Spanish], training and unseen together. */
    private static final Map<String, List<String>> ALL = everything();

    @Test
    void knownSentencesTranslateExactly() {
        expect("cats are cute", "katter är söta", "los gatos son lindos");
        expect("the cat is cute", "katten är söt", "el gato es lindo");
        expect("the sheep is small", "fåret är litet", "la oveja es pequeña");
        expect("sheep are small", "får är små", "las ovejas son pequeñas");
        expect("the cows are tired", "korna är trötta", "las vacas están cansadas");
        expect("the dog is happy", "hunden är glad", "el perro está feliz");
        expect("the bird is hungry", "fågeln är hungrig", "el pájaro está hambriento");
        expect("the cat eats an apple", "katten äter ett äpple", "el gato come una manzana");
        expect("the dog eats a big bone", "hunden äter ett stort ben", "el perro come un hueso grande");
        expect("dogs want red balls", "hundar vill ha röda bollar", "los perros quieren pelotas rojas");
        expect("the cow sees a small carrot", "kon ser en liten morot", "la vaca ve una zanahoria pequeña");
        expect("the horses have the carrots", "hästarna har morötterna", "los caballos tienen las zanahorias");
        expect("the sheep sees a green apple", "fåret ser ett grönt äpple", "la oveja ve una manzana verde");
        expect("birds eat small apples", "fåglar äter små äpplen", "los pájaros comen manzanas pequeñas");
    }

    @Test
    void theCorpusIsSmallButVaried() {
        assertTrue(ALL.size() > 3000 && ALL.size() < 4000, ALL.size() + " sentences");
        assertEquals(TranslationGrammar.allSentences().size(), ALL.size(), "every English sentence is made once");
        // "eats" only takes food: no one eats a ball.
        assertTrue(ALL.keySet().stream().noneMatch(s -> s.contains(" eat") && s.contains("ball")));
    }

    @Test
    void aLanguageTableHasEnglishAndTargetColumnsAndDistinctSentences() {
        Table swedish = Datasets.translations("swedish", 500, 42);
        assertEquals(List.of("english", "target"), swedish.columnNames());
        assertEquals(500, swedish.rowCount());
        assertEquals(500, swedish.stringColumn("english").unique().size());
        for (int i = 0; i < swedish.rowCount(); i++) {
            assertEquals(ALL.get(swedish.stringColumn("english").get(i)).get(0), swedish.stringColumn("target").get(i));
        }
        Table spanish = Datasets.translations("es", 20, 42);
        for (int i = 0; i < spanish.rowCount(); i++) {
            assertEquals(ALL.get(spanish.stringColumn("english").get(i)).get(1), spanish.stringColumn("target").get(i));
        }
        assertEquals(swedish.printAll(), Datasets.translations("Swedish", 500, 42).printAll());
    }

    @Test
    void unseenSentencesNeverAppearInTrainingButUseOnlyTrainingWords() {
        Table training = Datasets.translations(2000, 1);
        Table unseen = Datasets.unseenTranslations(300, 1);
        Set<String> trainingSentences = new HashSet<>(training.stringColumn("english").asList());
        Set<String> trainingWords = new HashSet<>();
        Table allTraining = Datasets.translations(2800, 2);
        for (String column : List.of("english", "swedish", "spanish")) {
            for (String sentence : allTraining.stringColumn(column)) trainingWords.addAll(List.of(sentence.split(" ")));
        }
        for (int i = 0; i < unseen.rowCount(); i++) {
            String english = unseen.stringColumn("english").get(i);
            assertTrue(!trainingSentences.contains(english), english + " is also a training sentence");
            for (String column : List.of("english", "swedish", "spanish")) {
                for (String word : unseen.stringColumn(column).get(i).split(" ")) {
                    assertTrue(trainingWords.contains(word), "'" + word + "' of '" + english + "' is never trained");
                }
            }
        }
    }

    @Test
    void aboutOneSentenceInSevenIsHeldOut() {
        PerceptronException tooMany = assertThrows(PerceptronException.class,
                () -> Datasets.unseenTranslations("swedish", 5000, 1));
        int available = Integer.parseInt(tooMany.getMessage().replaceAll(".*only (\\d+) distinct.*", "$1"));
        double share = available / (double) ALL.size();
        assertTrue(share > 0.10 && share < 0.20, "held out: " + share);
        assertTrue(tooMany.getMessage().contains("Asked for 5000 unseen sentences"), tooMany.getMessage());
    }

    @Test
    void anUnknownLanguageListsTheAvailableOnes() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> Datasets.translations("german", 10, 1));
        assertTrue(e.getMessage().contains("'german'") && e.getMessage().contains("swedish, spanish"), e.getMessage());
    }

    private static void expect(String english, String swedish, String spanish) {
        assertTrue(ALL.containsKey(english), "the grammar makes '" + english + "'");
        assertEquals(List.of(swedish, spanish), ALL.get(english), english);
    }

    private static Map<String, List<String>> everything() {
        Map<String, List<String>> all = new HashMap<>();
        for (TranslationGrammar.Sentence sentence : TranslationGrammar.allSentences()) {
            all.put(sentence.english(), List.of(sentence.swedish(), sentence.spanish()));
        }
        return all;
    }
}
