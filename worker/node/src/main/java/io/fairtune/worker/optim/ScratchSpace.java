package io.fairtune.worker.optim;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A temporary the size of one tensor, for the Adam-family direction m̂/(√ŝ + ε). Tensors are updated one after
 * another, so one flat array as long as the largest tensor serves them all (instead of a third state buffer per
 * tensor); the per-tensor views into it are cached, so steady-state steps allocate nothing.
 */
final class ScratchSpace {

    private INDArray flat;
    private final Map<String, INDArray> views = new HashMap<>();

    /** A view shaped and ordered like the tensor's value; its contents are garbage until written. */
    INDArray like(ParameterTensor tensor) {
        INDArray value = tensor.value();
        INDArray view = views.get(tensor.name());
        if (view != null
                && view.dataType() == value.dataType()
                && view.ordering() == value.ordering()
                && view.equalShapes(value)) {
            return view;
        }
        if (flat == null || flat.dataType() != value.dataType() || flat.length() < value.length()) {
            flat = TensorBuffers.allocateZeros(value.dataType(), new long[] {value.length()}, 'c');
            views.clear(); // views into the old array stay valid but would keep it alive
        }
        view = flat.get(NDArrayIndex.interval(0, value.length())).reshape(value.ordering(), value.shape());
        views.put(tensor.name(), view);
        return view;
    }
}
