package io.taskmon.etl.load;

import org.jdbi.v3.core.Handle;

/**
 * The data tables' indexes are dropped while a run loads and built again at its end. Keeping
 * them during the COPY means a random-order B-tree insert per row and per index: measured here,
 * that made the load five times slower than loading bare tables and sorting each index once at
 * the end. Duplicates cannot slip in meanwhile: the job drops them in memory before COPY, and the
 * primary keys built at the end would refuse any that did.
 *
 * <p>A run that dies leaves the indexes dropped; the next run (resume or full) builds them when
 * it ends. Both steps are idempotent.
 */
public final class LoadIndexes {

    private LoadIndexes() {
    }

    public static void dropForLoad(Handle handle) {
        handle.execute("alter table etl.business_registration drop constraint if exists business_registration_pkey");
        handle.execute("alter table etl.business_industry drop constraint if exists business_industry_pkey");
    }

    /** Builds whatever index is missing. */
    public static void rebuild(Handle handle) {
        // A sort in memory instead of on disk: the index builds are the end of a run's critical path.
        handle.execute("set local maintenance_work_mem = '256MB'");
        if (!constraintExists(handle, "business_registration_pkey")) {
            handle.execute("alter table etl.business_registration add constraint business_registration_pkey primary key (ban)");
        }
        if (!constraintExists(handle, "business_industry_pkey")) {
            handle.execute("alter table etl.business_industry add constraint business_industry_pkey primary key (ban, position)");
        }

    }

    private static boolean constraintExists(Handle handle, String name) {
        return handle.createQuery("select count(*) from pg_constraint where conname = :name"
                        + " and connamespace = 'etl'::regnamespace")
                .bind("name", name).mapTo(Integer.class).one() > 0;
    }
}
