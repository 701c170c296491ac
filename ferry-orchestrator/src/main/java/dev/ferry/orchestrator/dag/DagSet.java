package dev.ferry.orchestrator.dag;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConfigProblem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DAGs of a folder that could be read, and what is wrong with those that could not.
 *
 * @param dags   by id, sorted by id
 * @param errors import errors in file and line order
 */
public record DagSet(Map<String, Dag> dags, List<ConfigProblem> errors) {

    public DagSet {
        dags = Collections.unmodifiableMap(new LinkedHashMap<>(dags));
        errors = List.copyOf(errors);
    }

    public Optional<Dag> get(String dagId) {
        return Optional.ofNullable(dags.get(dagId));
    }

    /** The DAG, or an error that lists the DAGs there are and mentions import errors, the usual cause. */
    public Dag require(String dagId) {
        return get(dagId).orElseThrow(() -> new FerryException("no DAG '" + dagId + "'; DAGs: "
                + (dags.isEmpty() ? "(none)" : String.join(", ", dags.keySet()))
                + (errors.isEmpty() ? "" : "; " + errors.size()
                        + " import error(s), see 'ferry dags list-import-errors'")));
    }
}
