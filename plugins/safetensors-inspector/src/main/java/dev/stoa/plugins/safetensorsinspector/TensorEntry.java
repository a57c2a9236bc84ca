package dev.stoa.plugins.safetensorsinspector;

import java.util.List;

/**
 * One tensor as a safetensors header declares it.
 *
 * @param name  the tensor's name
 * @param dtype its element type
 * @param shape its dimensions, each non-negative
 * @param begin the first byte of its data, relative to the start of the data section
 * @param end   one past its last byte, relative to the start of the data section
 */
record TensorEntry(String name, Dtype dtype, List<Long> shape, long begin, long end) {

    TensorEntry {
        shape = List.copyOf(shape);
    }

    /** The number of elements (the product of the shape). */
    long elements() {
        long product = 1;
        for (long dimension : shape) {
            product = Math.multiplyExact(product, dimension);
        }
        return product;
    }

    long dim(int index) {
        return shape.get(index);
    }

    int rank() {
        return shape.size();
    }
}
