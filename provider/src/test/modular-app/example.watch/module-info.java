/** A modular application that uses nativewatch; ModularImageIT compiles it, runs it and links it. */
module example.watch {
    requires dev.nativewatch;
}
