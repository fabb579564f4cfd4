package kr.ieum.language;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import java.util.HashMap;
import java.util.Map;

/** Letters of a text counted by Unicode script; digits, punctuation, symbols and emoji are ignored. */
final class ScriptProfile {
    private final Map<Integer, Integer> counts = new HashMap<>();
    private int letters;

    static ScriptProfile of(CharSequence text) {
        ScriptProfile profile = new ScriptProfile();
        text.codePoints().forEach(profile::add);
        return profile;
    }

    private void add(int cp) {
        if (!UCharacter.isLetter(cp)) {
            return;
        }
        int script = UScript.getScript(cp);
        if (script == UScript.COMMON || script == UScript.INHERITED || script == UScript.UNKNOWN) {
            return;
        }
        counts.merge(script, 1, Integer::sum);
        letters++;
    }

    int letters() {
        return letters;
    }

    int count(int script) {
        return counts.getOrDefault(script, 0);
    }

    double share(int script) {
        return letters == 0 ? 0 : (double) count(script) / letters;
    }

    /** The script with most letters, or {@link UScript#COMMON} for a text without letters. */
    int dominant() {
        int best = UScript.COMMON;
        int bestCount = 0;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }
}
