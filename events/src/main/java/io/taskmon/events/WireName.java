package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An enum of the event contract, written on the wire under its constant's name in lower case
 * ({@code FAILING} is {@code "failing"}), or as declared when the enum is {@link Verbatim}. Names
 * are computed once per enum, so reading and writing events allocates nothing for them.
 */
public interface WireName {

    /** Marks an enum whose wire names are its constants' names as declared. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Verbatim {
    }

    @JsonValue
    default String wireName() {
        return Names.OF.get(getClass()).wire[((Enum<?>) this).ordinal()];
    }

    /** The constant of {@code type} whose wire name is {@code name}, or {@code null} when there is none. */
    static <E extends Enum<E> & WireName> E find(Class<E> type, String name) {
        Object constant = name == null ? null : Names.OF.get(type).byWire.get(name);
        return type.cast(constant);
    }

    /** The wire names of one enum, both ways. */
    final class Names {

        private static final ClassValue<Names> OF = new ClassValue<>() {
            @Override
            protected Names computeValue(Class<?> type) {
                return new Names(type.isEnum() ? type : type.getSuperclass());
            }
        };

        private final String[] wire;
        private final Map<String, Object> byWire = new HashMap<>();

        private Names(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            boolean verbatim = type.isAnnotationPresent(Verbatim.class);
            wire = new String[constants.length];
            for (Object constant : constants) {
                Enum<?> value = (Enum<?>) constant;
                String name = verbatim ? value.name() : value.name().toLowerCase(Locale.ROOT);
                wire[value.ordinal()] = name;
                byWire.put(name, constant);
            }
        }
    }
}
