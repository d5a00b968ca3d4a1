using System.IO.Compression;
using System.Security.Cryptography;
using NotaGen.Modeling.Weights;
using NotaGen.Testing;
using NotaGen.Training.Checkpoints;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Training;

/// <summary>Training checkpoints are safetensors files written and read by Modeling's one safetensors layer.</summary>
public sealed class CheckpointFormatTests
{
    // Fixtures/pretrain-step2.ckpt.gz: `notagen train --config Fixtures/pretrain-step2.train.json` (two steps of a
    // hidden-size-8 model) run by the workbench at commit 3678ac2, when checkpoints had their own safetensors code
    // (Training/Checkpoints/TensorFile). The hashes and values below were read from that file by a Python script
    // (struct + hashlib), not by the workbench.
    private const string EmbeddingSha256 = "68addc0993e7677275415efc32d33c28871164f34ec7e973e5e2c869d4a14fcc";
    private const string SecondMomentSha256 = "1fe3e48decadf549830239f3221e6083a73155ae2ce2e71f3d8dc79f823a24dc";
    private const string RandomStateSha256 = "221c39e1d9fca4e92a1feedf3f581d640eeca674f70caca071b8120953098cb0";

    private static string UnpackFixture(TempDirectory directory)
    {
        var fixture = Path.Combine(RepositoryRoot.Require(), "tests", "NotaGen.Modeling.Tests", "Training", "Fixtures", "pretrain-step2.ckpt.gz");
        var path = directory.File("last.ckpt");
        using (var input = new GZipStream(File.OpenRead(fixture), CompressionMode.Decompress))
        using (var output = File.Create(path))
            input.CopyTo(output);
        return path;
    }

    private static string Sha256(Tensor tensor) => Convert.ToHexStringLower(SHA256.HashData(tensor.bytes));

    [Fact]
    public void A_checkpoint_written_before_the_shared_safetensors_layer_still_loads()
    {
        using var directory = new TempDirectory();
        var path = UnpackFixture(directory);

        using (var checkpoint = TrainingCheckpoint.Read(path))
        {
            Assert.Equal(2, checkpoint.State.Step);
            Assert.Equal(2, checkpoint.OptimizerSteps);
            Assert.Equal(8, checkpoint.ModelConfig.HiddenSize);
            var embedding = checkpoint.Model["patch_level_decoder.patch_embedding.weight"];
            Assert.Equal([8L, 2048L], embedding.shape);
            Assert.Equal(ScalarType.Float32, embedding.dtype);
            Assert.Equal(EmbeddingSha256, Sha256(embedding));
            Assert.Equal(-0.0015328828012570739f, embedding[0, 0].item<float>());
            Assert.Equal(SecondMomentSha256, Sha256(checkpoint.Optimizer["v/patch_level_decoder.patch_embedding.weight"]));
            Assert.Equal(checkpoint.Model.Keys.Order(), checkpoint.Optimizer.Keys.Where(k => k.StartsWith("m/", StringComparison.Ordinal)).Select(k => k[2..]).Order());
            Assert.NotNull(checkpoint.TorchRandomState);
            Assert.Equal(ScalarType.Byte, checkpoint.TorchRandomState!.dtype);
            Assert.Equal(5056L, checkpoint.TorchRandomState.NumberOfElements);
            Assert.Equal(RandomStateSha256, Sha256(checkpoint.TorchRandomState));
        }

        // Every model weight is there with its shape: a strict load into the configured model succeeds.
        using var model = ModelWeights.FromCheckpoint(path);
        Assert.Equal(EmbeddingSha256, Sha256(model.state_dict()["patch_level_decoder.patch_embedding.weight"].detach().cpu().contiguous()));
    }

    [Fact]
    public void Writing_a_loaded_checkpoint_again_reproduces_the_old_file_byte_for_byte()
    {
        using var directory = new TempDirectory();
        var path = UnpackFixture(directory);
        using var checkpoint = TrainingCheckpoint.Read(path);
        using var written = new MemoryStream();
        checkpoint.WriteTo(written);
        Assert.Equal(File.ReadAllBytes(path), written.ToArray());
    }

    [Fact]
    public void Float_int64_and_byte_tensors_and_metadata_round_trip_as_stored()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        var path = directory.File("mixed.safetensors");
        var floats = tensor(new[] { 1.5f, -0.25f, float.Epsilon, 3e38f, 0f, -7f }, [2, 3]);
        var longs = tensor(new[] { long.MinValue, -1L, 0L, long.MaxValue });
        var bytes = tensor(new byte[] { 0, 1, 127, 255, 9 });
        using (var stream = File.Create(path))
            SafeTensorsWriter.Write(stream, [("f", floats), ("i", longs), ("u", bytes)], new Dictionary<string, string> { ["note"] = "ünïcode \"quoted\"" });

        using var reader = SafeTensorsReader.Open(path);
        Assert.Equal(["F32", "I64", "U8"], new[] { "f", "i", "u" }.Select(name => reader.Entries[name].DType));
        Assert.Equal("ünïcode \"quoted\"", reader.Metadata["note"]);
        var read = reader.ReadTensors();
        try
        {
            Assert.Equal([2L, 3L], read["f"].shape);
            Assert.Equal(floats.data<float>().ToArray(), read["f"].data<float>().ToArray());
            Assert.Equal(longs.data<long>().ToArray(), read["i"].data<long>().ToArray());
            Assert.Equal(bytes.data<byte>().ToArray(), read["u"].data<byte>().ToArray());
        }
        finally
        {
            foreach (var t in read.Values) t.Dispose();
        }
    }
}
