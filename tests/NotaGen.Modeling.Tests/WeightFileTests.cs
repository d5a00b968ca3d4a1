using System.Buffers.Binary;
using System.Text;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Testing;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

public class WeightFileTests
{
    private static NotaGenModel TrainedLookingModel()
    {
        var model = NotaGenModel.Create(TestModels.Styled(true, true, true), seed: 5);
        DecoderTests.Perturb(model, "lora_b", 0.05);
        DecoderTests.Perturb(model, ".style_", 0.05);
        return model;
    }

    [Fact]
    public void A_saved_model_loads_back_identically()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        using var model = TrainedLookingModel();
        ModelDirectory.Save(model, directory.Path);
        Assert.True(File.Exists(directory.File(ModelDirectory.AdaptersFile)));
        using var loaded = ModelDirectory.Load(directory.Path);
        Assert.Equal(model.Config.ToJson(), loaded.Config.ToJson());
        var original = model.state_dict();
        foreach (var (name, value) in loaded.state_dict())
            Assert.True(value.eq(original[name]).all().item<bool>(), $"{name} differs");
        model.eval();
        loaded.eval();
        var patches = TestModels.Patches(1, 5, seed: 1);
        Assert.Equal(0f, TestModels.MaxDifference(model.Predict(patches).Logits, loaded.Predict(patches).Logits));
    }

    [Fact]
    public void Adapters_save_and_load_separately_from_the_base()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        using var trained = TrainedLookingModel();
        using var fresh = NotaGenModel.Create(trained.Config, seed: 99);
        var freshBase = fresh.state_dict().Where(p => !p.Key.Contains(".adapter.")).ToDictionary(p => p.Key, p => p.Value.clone());
        ModelDirectory.SaveAdapters(trained, directory.File("composer.safetensors"));
        ModelDirectory.LoadAdapters(fresh, directory.File("composer.safetensors"));
        var trainedAdapters = trained.AdapterParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var (name, parameter) in fresh.AdapterParameters())
            Assert.True(parameter.eq(trainedAdapters[name]).all().item<bool>(), $"{name} not loaded");
        foreach (var (name, value) in fresh.state_dict().Where(p => !p.Key.Contains(".adapter.")))
            Assert.True(value.eq(freshBase[name]).all().item<bool>(), $"{name} changed");
    }

    [Fact]
    public void The_file_follows_the_safetensors_layout_read_independently_by_python()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 2);
        ModelDirectory.Save(model, directory.Path);
        var python = ExternalTool.Require("python3", "python3");
        const string script = """
            import json, struct, sys
            data = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', data[:8])[0]
            header = json.loads(data[8:8 + n])
            entry = header['patch_level_decoder.base.h.0.attn.c_attn.weight']
            begin = 8 + n + entry['data_offsets'][0]
            print(entry['dtype'], entry['shape'], n % 8, repr(struct.unpack('<f', data[begin + 4:begin + 8])[0]))
            """;
        File.WriteAllText(directory.File("read.py"), script);
        var result = ExternalTool.Run(python, [directory.File("read.py"), directory.File(ModelDirectory.WeightsFile)], directory.Path, TimeSpan.FromSeconds(30));
        Assert.Equal(0, result.ExitCode);
        var weight = model.named_parameters().Single(p => p.name == "patch_level_decoder.base.h.0.attn.c_attn.weight").parameter;
        var fields = result.StandardOutput.Trim().Split(' ');
        Assert.Equal("F32 [32, 96] 0", string.Join(' ', fields[..^1]));
        // Python prints the exact double of the stored float32: it must be our value bit for bit.
        Assert.Equal(weight[0, 1].item<float>(), (float)double.Parse(fields[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Half_and_bfloat16_tensors_are_read_as_float32()
    {
        using var directory = new TempDirectory();
        var header = """{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[4,8]}}""";
        var data = new byte[8];
        BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(0), (Half)1.5f);
        BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(2), (Half)(-0.25f));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(4), (ushort)(BitConverter.SingleToInt32Bits(3.0f) >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(6), (ushort)(BitConverter.SingleToInt32Bits(-2.5f) >> 16));
        var path = directory.File("half.safetensors");
        File.WriteAllBytes(path, Compose(Encoding.UTF8.GetBytes(header), data));
        using var reader = SafeTensorsReader.Open(path);
        Assert.Equal([1.5f, -0.25f], reader.ReadFloats(reader.Entries["h"]));
        Assert.Equal([3.0f, -2.5f], reader.ReadFloats(reader.Entries["b"]));
    }

    [Theory]
    [InlineData("truncate", "truncated")]
    [InlineData("tiny", "shorter than the 8-byte header length")]
    [InlineData("header-length", "header length")]
    [InlineData("json", "not valid JSON")]
    [InlineData("size", "needs")]
    public void Damaged_files_are_clear_errors(string damage, string expected)
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 3);
        ModelDirectory.Save(model, directory.Path);
        var path = directory.File(ModelDirectory.WeightsFile);
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        bytes = damage switch
        {
            "truncate" => bytes[..(bytes.Length - 100)],
            "tiny" => bytes[..5],
            "header-length" => [.. BitConverter.GetBytes(long.MaxValue / 2), .. bytes[8..]],
            "json" => Replace(bytes, headerLength, header.Replace("\"dtype\"", "\"dtype")),
            "size" => Replace(bytes, headerLength, ReplaceFirst(header, "\"shape\":[32]", "\"shape\":[31]")),
            _ => throw new ArgumentException(damage),
        };
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<WeightFileException>(() => ModelDirectory.Load(directory.Path));
        Assert.Contains(expected, error.Message);
        Assert.Contains(ModelDirectory.WeightsFile, error.Message);
        if (damage is "truncate" or "size") Assert.Matches("tensor '[a-z_.0-9]+'", error.Message);
    }

    [Fact]
    public void A_missing_tensor_is_named_with_its_expected_shape()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 3);
        ModelDirectory.Save(model, directory.Path);
        var missing = "patch_level_decoder.base.h.1.attn.c_attn.weight";
        SafeTensorsWriter.Write(directory.File(ModelDirectory.WeightsFile),
            model.named_parameters().Where(p => p.name != missing).Select(p => (p.name, (Tensor)p.parameter)));
        var error = Assert.Throws<WeightFileException>(() => ModelDirectory.Load(directory.Path));
        Assert.Contains($"'{missing}' (expected shape [32, 96]) is missing", error.Message);
    }

    [Fact]
    public void Weights_of_another_shape_are_named_with_the_expected_shape()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        using var wide = NotaGenModel.Create(TestModels.Micro with { HiddenSize = 64 }, seed: 3);
        ModelDirectory.Save(wide, directory.Path);
        File.WriteAllText(directory.File(ModelDirectory.ConfigFile), TestModels.Micro.ToJson());
        var error = Assert.Throws<WeightFileException>(() => ModelDirectory.Load(directory.Path));
        Assert.Contains("has shape [64, 2048], expected [32, 2048]", error.Message);
        Assert.Contains("patch_level_decoder.patch_embedding.weight", error.Message);
    }

    [Fact]
    public void Extra_tensors_from_another_configuration_are_rejected()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        using var deeper = NotaGenModel.Create(TestModels.Micro with { PatchLayers = 3 }, seed: 3);
        ModelDirectory.Save(deeper, directory.Path);
        File.WriteAllText(directory.File(ModelDirectory.ConfigFile), TestModels.Micro.ToJson());
        var error = Assert.Throws<WeightFileException>(() => ModelDirectory.Load(directory.Path));
        Assert.Contains("unexpected tensor 'patch_level_decoder.base.h.2.", error.Message);
    }

    /// <summary>Sizes out of range are refused from config.json, naming the field, before any tensor is allocated.</summary>
    [Theory]
    [InlineData("hidden_size", "100000", "hidden_size (100000)")]
    [InlineData("patch_length", "2147483647", "patch_length must be in 2..")]
    [InlineData("patch_size", "100000", "patch_size must be in 1..")]
    [InlineData("patch_layers", "100000", "patch_layers and char_layers must be in 1..")]
    public void Configurations_out_of_range_are_refused_before_allocating(string field, string value, string expected)
    {
        using var directory = new TempDirectory();
        var json = System.Text.Json.Nodes.JsonNode.Parse(TestModels.Micro.ToJson())!.AsObject();
        json[field] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(directory.File(ModelDirectory.ConfigFile), json.ToJsonString());
        var error = Assert.Throws<WeightFileException>(() => ModelDirectory.Load(directory.Path));
        Assert.Contains(expected, error.Message);
        Assert.Contains(ModelDirectory.ConfigFile, error.Message);
    }

    [Fact]
    public void A_configuration_whose_fields_pass_but_whose_model_is_too_large_is_refused()
    {
        var huge = TestModels.Micro with { HiddenSize = 16_384, Heads = 16, PatchLayers = 32 };
        var error = Assert.Throws<ArgumentException>(() => huge.Validate());
        Assert.Contains($"more than the limit of {NotaGenConfig.MaxParameters}", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_weights_are_refused_at_load_naming_the_tensor(float value)
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 3);
        ModelDirectory.Save(model, directory.Path);
        var damaged = "patch_level_decoder.base.h.1.attn.c_attn.weight";
        SafeTensorsWriter.Write(directory.File(ModelDirectory.WeightsFile),
            model.named_parameters().Select(p => (p.name, p.name == damaged ? p.parameter.detach().clone().index_fill_(1, tensor(new long[] { 5 }), value) : (Tensor)p.parameter)));
        var error = Assert.Throws<WeightFileException>(() => ModelDirectory.Load(directory.Path));
        Assert.Contains($"tensor '{damaged}' holds {value} at element 5", error.Message);
    }

    private static byte[] Compose(byte[] header, byte[] data)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, header.Length);
        return [.. prefix, .. header, .. data];
    }

    private static byte[] Replace(byte[] file, int headerLength, string newHeader) =>
        Compose(Encoding.UTF8.GetBytes(newHeader), file[(8 + headerLength)..]);

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"fixture lacks {from}");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
