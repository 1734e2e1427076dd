package dev.nativewatch.tck;

import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;

/**
 * One event as a check saw it, with its context rendered so that every implementation's paths compare equal:
 * the names of a relative path joined by '/', or the empty string for OVERFLOW.
 *
 * @param key     the key it came from
 * @param kind    the kind's name, such as {@code ENTRY_CREATE}
 * @param context the rendered context
 * @param count   the event's count
 * @param batch   which {@code pollEvents()} call, counted from 0, returned it
 * @param event   the event itself
 */
public record Observed(WatchKey key, String kind, String context, int count, int batch, WatchEvent<?> event) {

    /**
     * Records {@code event}, as returned by the {@code batch}th {@code pollEvents()} call on {@code key}.
     *
     * @param key   the key the event came from
     * @param event the event
     * @param batch which {@code pollEvents()} call, counted from 0, returned it
     * @return the event as the checks compare it
     */
    public static Observed of(WatchKey key, WatchEvent<?> event, int batch) {
        return new Observed(key, event.kind().name(), render(event.context()), event.count(), batch, event);
    }

    /**
     * {@return the names of a path joined by '/', the empty string for null, else the object's string form}
     *
     * @param context an event's context
     */
    public static String render(Object context) {
        if (context == null) {
            return "";
        }
        if (context instanceof Path path) {
            StringBuilder text = new StringBuilder();
            for (Path name : path) {
                if (text.length() > 0) {
                    text.append('/');
                }
                text.append(name);
            }
            return text.toString();
        }
        return String.valueOf(context);
    }

    /** {@return "KIND context", or the kind alone when there is no context} */
    public String described() {
        return context.isEmpty() ? kind : kind + " " + context;
    }

    @Override
    public String toString() {
        return described() + (count > 1 ? " x" + count : "");
    }
}
