using Xunit;

// Torch's thread count and global random generator are process-wide: tests that pin or seed them must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
