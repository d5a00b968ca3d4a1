using NotaGen.Testing;
using NotaGen.Training;
using NotaGen.Training.Checkpoints;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

public sealed class CheckpointCrashTests
{
    /// <summary>A stream that "dies" after a number of bytes, as a killed process would stop writing.</summary>
    private sealed class DyingStream(Stream inner, long bytesBeforeDeath) : Stream
    {
        private long written;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = (int)Math.Max(0, Math.Min(buffer.Length, bytesBeforeDeath - written));
            inner.Write(buffer[..room]);
            written += room;
            inner.Flush();
            if (room < buffer.Length) throw new IOException("simulated crash while writing the checkpoint");
        }

        public override void Flush() => inner.Flush();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(300L)]
    [InlineData(20_000L)]
    [InlineData(400_000L)]
    public void A_crash_during_a_write_leaves_the_previous_checkpoint_readable(long bytesBeforeDeath)
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 4, validation: 0);
        var output = directory.File("run");
        var config = TrainingFixtures.Config(corpus, output) with { Steps = 6, EvaluateEvery = 0, CheckpointEvery = 3 };
        var dying = false;
        Stream Open(string path)
        {
            var file = new FileStream(path, FileMode.Create, FileAccess.Write);
            return dying ? new DyingStream(file, bytesBeforeDeath) : file;
        }

        using (var session = TrainingSession.Open(config, openForWrite: Open))
        {
            session.Run(untilStep: 3);
            dying = true;
            Assert.Throws<IOException>(() => session.Run());
        }
        // A killed process also leaves its half-written temporary file behind; put one there as a kill would.
        File.WriteAllBytes(Path.Combine(output, CheckpointStore.LastName + ".999999.partial"), new byte[Math.Min(bytesBeforeDeath, 1000)]);

        using (var checkpoint = TrainingCheckpoint.Read(Path.Combine(output, CheckpointStore.LastName)))
            Assert.Equal(3, checkpoint.State.Step);
        using var resumed = TrainingSession.Open(config, resume: true);
        Assert.Equal(3, resumed.Trainer.State.Step);
        Assert.Equal(6, resumed.Run().Step);
        Assert.Empty(Directory.GetFiles(output, "*.partial"));
    }

    [Fact]
    public void A_torn_file_is_reported_as_unreadable_not_misread()
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 3, validation: 0);
        var config = TrainingFixtures.Config(corpus, directory.File("run")) with { Steps = 1, EvaluateEvery = 0 };
        using (var session = TrainingSession.Open(config)) session.Run();
        var good = File.ReadAllBytes(Path.Combine(config.Output, CheckpointStore.LastName));

        foreach (var length in new[] { 0, 5, 8, 100, good.Length / 2, good.Length - 1 })
        {
            var torn = directory.File($"torn-{length}.ckpt");
            File.WriteAllBytes(torn, good[..length]);
            Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Read(torn).Dispose());
        }
    }
}
