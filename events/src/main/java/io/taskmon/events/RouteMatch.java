package io.taskmon.events;

import java.util.List;

/**
 * Which alerts a route takes. Every field left out (or empty) takes any value, so an empty match
 * takes every alert; the fields that are set must all match.
 *
 * @param alertTypes  alert types by their wire names ({@code FAILING}, ...); kept as text so a
 *                    route can name types that newer producers add
 * @param kinds       monitor kinds ({@code bat}, {@code python}, ...)
 * @param taskKeyGlob a task key pattern where {@code *} is any run of characters and {@code ?} one
 * @param machine     the exact machine name
 */
public record RouteMatch(List<String> alertTypes, List<String> kinds, String taskKeyGlob, String machine) {

    public static final RouteMatch EVERY_ALERT = new RouteMatch(List.of(), List.of(), null, null);

    public RouteMatch {
        alertTypes = alertTypes == null ? List.of() : List.copyOf(alertTypes);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }

    /** Whether this match takes {@code alert}. */
    public boolean matches(Alert alert) {
        return (alertTypes.isEmpty() || alertTypes.contains(alert.type().wireName()))
                && (kinds.isEmpty() || kinds.contains(alert.kind()))
                && (taskKeyGlob == null || (alert.taskKey() != null && globMatches(taskKeyGlob, alert.taskKey())))
                && (machine == null || machine.equals(alert.machineName() == null ? "" : alert.machineName()));
    }

    /** {@code *} and {@code ?} over whole characters; no other character is special. */
    static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int starAt = -1;
        int textAtStar = 0;
        while (t < text.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starAt = g++;
                textAtStar = t;
            } else if (starAt >= 0) {
                g = starAt + 1;
                t = ++textAtStar;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
