package io.fairtune.worker.optim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One optimizer state buffer (momentum, first or second moment) per tensor name, created on the tensor's first
 * step as zeros with the tensor's data type, shape and order (same order keeps the BLAS fast path of {@link
 * InPlace}).
 */
final class TensorBuffers {

    private final Map<String, INDArray> buffers = new HashMap<>();

    INDArray of(ParameterTensor tensor) {
        INDArray value = tensor.value();
        INDArray buffer = buffers.get(tensor.name());
        if (buffer == null) {
            buffer = allocateZeros(value);
            buffers.put(tensor.name(), buffer);
        } else if (buffer.dataType() != value.dataType() || !buffer.equalShapes(value)) {
            throw new IllegalArgumentException("tensor '" + tensor.name() + "' changed shape or data type from "
                    + describe(buffer) + " to " + describe(value));
        }
        return buffer;
    }

    /**
     * Allocates outside any active workspace: the trainer may call inside one, and a workspace-backed buffer
     * would be overwritten when that workspace is reset.
     */
    static INDArray allocateZeros(INDArray like) {
        return allocateZeros(like.dataType(), like.shape(), like.ordering());
    }

    static INDArray allocateZeros(DataType type, long[] shape, char order) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            return Nd4j.create(type, shape, order);
        } finally {
            outside.close();
        }
    }

    static String describe(INDArray array) {
        return array.dataType() + Arrays.toString(array.shape());
    }
}
