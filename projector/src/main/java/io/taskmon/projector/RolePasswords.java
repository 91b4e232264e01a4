package io.taskmon.projector;

/**
 * Passwords of the read model's roles. A {@code null} password leaves the role as it is: a role
 * the migrations just created stays NOLOGIN, one given a password before keeps it.
 *
 * @param projector password of {@code taskmon_projector}, which writes the read model
 * @param reader    password of {@code taskmon_reader}, which may only read it
 */
public record RolePasswords(String projector, String reader) {

    public static final String PROJECTOR_ROLE = "taskmon_projector";
    public static final String READER_ROLE = "taskmon_reader";

    @Override
    public String toString() {
        return "RolePasswords[projector=" + (projector == null ? "unset" : "***") + ", reader="
                + (reader == null ? "unset" : "***") + "]";
    }
}
