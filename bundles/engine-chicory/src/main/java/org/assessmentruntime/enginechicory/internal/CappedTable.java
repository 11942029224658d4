package org.assessmentruntime.enginechicory.internal;

import org.assessmentruntime.api.model.FailureKind;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;

/**
 * A guest's table, bounded and private to its run. Tables live in the JVM heap outside linear memory,
 * so without a bound one module could exhaust the heap every run shares: a table past
 * {@link #MAX_ELEMENTS} ends the run with {@link FailureKind#MEMORY_LIMIT}, as {@link MemoryCap}
 * does for memory. And Chicory's {@code TableInstance.grow} also grows the limits of the module's
 * {@link Table}, which every instance of a prepared module shares, so each instance gets its own copy:
 * what one run did must not show in the next.
 */
final class CappedTable extends TableInstance {

    /** Elements a table may have: far above what compilers emit, about 12 MiB of heap. */
    static final long MAX_ELEMENTS = 1L << 20;

    private CappedTable(Table table, int initialValue) {
        super(table, initialValue);
    }

    /** Chicory's table factory for a run. */
    static TableFactory factory() {
        return (declared, initialValue) -> {
            TableLimits limits = declared.limits();
            if (limits.min() > MAX_ELEMENTS) {
                throw new LimitExceeded(FailureKind.MEMORY_LIMIT, "the module declares a table of " + limits.min()
                        + " elements, over the engine's limit of " + MAX_ELEMENTS);
            }
            Table own = new Table(declared.elementType(),
                    new TableLimits(limits.min(), limits.max(), limits.shared()), declared.initialize());
            return new CappedTable(own, initialValue);
        };
    }

    @Override
    public int grow(int size, int value, Instance instance) {
        long wanted = (long) size() + size;
        if (size > 0 && wanted > MAX_ELEMENTS && wanted <= limits().max()) {
            throw new LimitExceeded(FailureKind.MEMORY_LIMIT, "the module tried to grow a table to " + wanted
                    + " elements, over the engine's limit of " + MAX_ELEMENTS);
        }
        return super.grow(size, value, instance);
    }
}
