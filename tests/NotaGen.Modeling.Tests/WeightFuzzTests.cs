using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using NotaGen.Modeling.Weights;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

/// <summary>
/// Seeded mutations of a saved model's <c>model.safetensors</c> and <c>config.json</c> (truncations, header lengths
/// past the file or absurd, wrong dtypes, shapes and data offsets, overlapping tensors, NaN and infinite weights,
/// damaged JSON, values out of range), loaded through the public entry points: <see cref="ModelDirectory.Load"/> and
/// <see cref="SafeTensorsReader"/>. Every case must load or end in a <see cref="WeightFileException"/> naming the file
/// (and the tensor, where a tensor is at fault): no other exception, no case past 30 s, none allocating more than
/// 256 MB of managed memory, and the process's memory never past 2 GB.
/// </summary>
public sealed class WeightFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261207;
    private const int Cases = 150;
    private const long MaxAllocatedBytes = 256L << 20;
    private const long MaxWorkingSet = 2L << 30;
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(30);

    private sealed record Outcome(int Loaded, int Refused, List<string> Failures);

    [Fact]
    public void Mutated_safetensors_load_or_are_refused_naming_file_and_tensor()
    {
        using var scope = NewDisposeScope();
        using var temp = new TempDirectory("weight-fuzz");
        var original = SavedModel(temp);
        var weights = File.ReadAllBytes(Path.Combine(original, ModelDirectory.WeightsFile));
        var random = new Random(Seed);
        var outcome = Run(temp, original, random, (dir, r) =>
        {
            var (bytes, how, tensor) = MutateSafeTensors(weights, r);
            File.WriteAllBytes(Path.Combine(dir, ModelDirectory.WeightsFile), bytes);
            return (how, ModelDirectory.WeightsFile, tensor);
        });
        Report("safetensors", outcome);
    }

    [Fact]
    public void Mutated_config_json_loads_or_is_refused_naming_file_and_key()
    {
        using var scope = NewDisposeScope();
        using var temp = new TempDirectory("config-fuzz");
        var original = SavedModel(temp);
        var config = File.ReadAllText(Path.Combine(original, ModelDirectory.ConfigFile));
        var random = new Random(Seed + 1);
        var outcome = Run(temp, original, random, (dir, r) =>
        {
            var (text, how, key) = MutateConfig(config, r);
            File.WriteAllText(Path.Combine(dir, ModelDirectory.ConfigFile), text);
            return (how, ModelDirectory.ConfigFile, key);
        });
        Report("config.json", outcome);
    }

    private static string SavedModel(TempDirectory temp)
    {
        var directory = temp.File("original");
        using var model = NotaGenModel.Create(TestModels.Styled(embeddings: true, adapters: true, attentionBias: false), seed: 3);
        ModelDirectory.Save(model, directory);
        return directory;
    }

    /// <summary>
    /// Runs the cases: <paramref name="mutate"/> damages one file of a copy of the model and says how, which file, and
    /// the tensor or key at fault (null when the damage is not tied to one).
    /// </summary>
    private static Outcome Run(TempDirectory temp, string original, Random random, Func<string, Random, (string How, string File, string? Culprit)> mutate)
    {
        int loaded = 0, refused = 0;
        var failures = new List<string>();
        for (var c = 0; c < Cases; c++)
        {
            var dir = temp.File($"case{c}");
            Directory.CreateDirectory(dir);
            foreach (var file in Directory.GetFiles(original))
                File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            var (how, damaged, culprit) = mutate(dir, random);
            var label = $"case {c}, {damaged} {how}";
            long allocated = 0;
            var work = Task.Run(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    using (NewDisposeScope())
                    {
                        using var model = ModelDirectory.Load(dir);
                        using var reader = SafeTensorsReader.Open(Path.Combine(dir, ModelDirectory.WeightsFile));
                        foreach (var entry in reader.Entries.Values)
                            reader.ReadFloats(entry);
                    }
                }
                finally
                {
                    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                }
            });
            var clock = Stopwatch.StartNew();
            try
            {
                if (!work.Wait(CaseLimit))
                {
                    failures.Add($"{label}: still running after {CaseLimit.TotalSeconds} s");
                    break; // the task cannot be stopped; the cases after it would share the machine with it
                }
                loaded++;
            }
            catch (AggregateException wrapped) when (wrapped.InnerException is WeightFileException error)
            {
                refused++;
                var path = Path.Combine(dir, damaged);
                if (!error.Message.Contains(dir, StringComparison.Ordinal))
                    failures.Add($"{label}: the error does not name the file: {error.Message}");
                else if (culprit is not null && error.File == path && !error.Problem.Contains(culprit, StringComparison.Ordinal))
                    failures.Add($"{label}: the error does not name '{culprit}': {error.Message}");
            }
            catch (AggregateException wrapped)
            {
                failures.Add($"{label}: {wrapped.InnerException!.GetType().Name}: {wrapped.InnerException.Message}");
            }
            if (allocated > MaxAllocatedBytes)
                failures.Add($"{label}: allocated {allocated >> 20} MB");
            var workingSet = Process.GetCurrentProcess().WorkingSet64;
            if (workingSet > MaxWorkingSet)
                failures.Add($"{label}: the process holds {workingSet >> 20} MB");
            Directory.Delete(dir, recursive: true);
        }
        return new Outcome(loaded, refused, failures);
    }

    private void Report(string what, Outcome outcome)
    {
        output.WriteLine($"{what}: {Cases} cases, {outcome.Loaded} loaded, {outcome.Refused} clean errors, {outcome.Failures.Count} failures " +
                         $"(other exceptions, errors not naming file or culprit, over {CaseLimit.TotalSeconds} s, over {MaxAllocatedBytes >> 20} MB allocated)");
        Assert.True(outcome.Failures.Count == 0, string.Join('\n', outcome.Failures.Take(20)));
        Assert.True(outcome.Refused > Cases / 2, $"only {outcome.Refused} of {Cases} mutations refused: the mutations do not damage enough");
    }

    private static (byte[] Bytes, string How, string? Tensor) MutateSafeTensors(byte[] original, Random random)
    {
        var headerLength = (int)BinaryPrimitives.ReadInt64LittleEndian(original);
        var header = JsonNode.Parse(original.AsSpan(8, headerLength))!.AsObject();
        var data = original[(8 + headerLength)..];
        var names = header.Select(p => p.Key).Where(k => k != "__metadata__").Order(StringComparer.Ordinal).ToList();
        var name = names[random.Next(names.Count)];
        var entry = header[name]!.AsObject();
        var offsets = entry["data_offsets"]!.AsArray().Select(o => (long)o!).ToArray();
        switch (random.Next(12))
        {
            case 0:
                var at = random.Next(original.Length);
                return (original[..at], $"truncated at byte {at}", null);
            case 1:
                long[] lengths = [0, -1, long.MaxValue, 1L << 40, original.Length, headerLength + 1, 7];
                var length = lengths[random.Next(lengths.Length)];
                var bytes = (byte[])original.Clone();
                BinaryPrimitives.WriteInt64LittleEndian(bytes, length);
                return (bytes, $"with header length {length}", null);
            case 2:
                string[] dtypes = ["I8", "U64", "F8_E4M3", "", "f32", "BOOL", "F64", "F16"];
                var dtype = dtypes[random.Next(dtypes.Length)];
                entry["dtype"] = dtype;
                return (Write(header, data), $"with tensor '{name}' of dtype '{dtype}'", name);
            case 3:
                var shape = entry["shape"]!.AsArray().Select(d => (long)d!).ToArray();
                long[][] shapes = [[.. shape, 2], shape.Length > 0 ? shape[..^1] : [3], [.. shape.Select(d => d * 2)], [-1], [1L << 40, 1L << 40], [long.MaxValue, 2], []];
                var mutated = shapes[random.Next(shapes.Length)];
                entry["shape"] = new JsonArray([.. mutated.Select(d => JsonValue.Create(d))]);
                return (Write(header, data), $"with tensor '{name}' of shape [{string.Join(", ", mutated)}]", name);
            case 4:
                long[][] ranges = [[offsets[0], offsets[1] + 4], [offsets[1], offsets[0]], [-8, offsets[1]], [long.MaxValue - 4, long.MaxValue], [offsets[0] + 4, offsets[1] + 4], [0, offsets[1] - offsets[0]]];
                var range = ranges[random.Next(ranges.Length)];
                entry["data_offsets"] = new JsonArray(JsonValue.Create(range[0]), JsonValue.Create(range[1]));
                return (Write(header, data), $"with tensor '{name}' at data bytes {range[0]}..{range[1]}", name);
            case 5:
                // Another tensor of the same size moved onto this one's bytes: two tensors over one range.
                var other = names.FirstOrDefault(n => n != name && Span(header[n]!) == offsets[1] - offsets[0] && header[n]!["dtype"]!.ToString() == entry["dtype"]!.ToString());
                if (other is null)
                    goto case 4;
                header[other]!["data_offsets"] = new JsonArray(JsonValue.Create(offsets[0]), JsonValue.Create(offsets[1]));
                return (Write(header, data), $"with tensor '{other}' moved onto '{name}''s bytes", null);
            case 6:
                float[] bad = [float.NaN, float.PositiveInfinity, float.NegativeInfinity];
                var value = bad[random.Next(bad.Length)];
                var copy = (byte[])data.Clone();
                var element = random.Next((int)((offsets[1] - offsets[0]) / 4));
                BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan((int)offsets[0] + 4 * element), value);
                return (Write(header, copy), $"with {value} in tensor '{name}' at element {element}", name);
            case 7:
                header.Remove(name);
                return (Write(header, data), $"without tensor '{name}'", name);
            case 8:
                string[] keys = ["dtype", "shape", "data_offsets"];
                var key = keys[random.Next(keys.Length)];
                JsonNode?[] values = [null, JsonValue.Create("x"), JsonValue.Create(1.5), new JsonArray(), new JsonObject()];
                var replacement = values[random.Next(values.Length)];
                entry[key] = replacement;
                return (Write(header, data), $"with tensor '{name}''s {key} = {replacement?.ToJsonString() ?? "null"}", name);
            case 9:
                var flipped = (byte[])original.Clone();
                var b = 8 + random.Next(headerLength);
                flipped[b] ^= (byte)(1 << random.Next(8));
                return (flipped, $"with a bit flipped in the header at byte {b}", null);
            case 10:
                var junk = Encoding.UTF8.GetBytes(new string('[', 10_000));
                var bytes2 = new byte[8 + junk.Length + data.Length];
                BinaryPrimitives.WriteInt64LittleEndian(bytes2, junk.Length);
                junk.CopyTo(bytes2, 8);
                data.CopyTo(bytes2, 8 + junk.Length);
                return (bytes2, "with a header of 10,000 nested arrays", null);
            default:
                var tail = data[..random.Next(data.Length)];
                return (Write(header, tail), $"with the data section cut to {tail.Length} bytes", null);
        }
    }

    private static long Span(JsonNode entry)
    {
        var o = entry["data_offsets"]!.AsArray();
        return (long)o[1]! - (long)o[0]!;
    }

    private static byte[] Write(JsonObject header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    private static (string Text, string How, string? Key) MutateConfig(string original, Random random)
    {
        var config = JsonNode.Parse(original)!.AsObject();
        var numeric = config.Where(p => p.Value is JsonValue v && v.TryGetValue<double>(out _)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var key = numeric[random.Next(numeric.Count)];
        switch (random.Next(6))
        {
            case 0:
                JsonNode?[] values = [JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(100_000), JsonValue.Create(2_147_483_647), JsonValue.Create(1L << 40), JsonValue.Create(1e300), JsonValue.Create(0.5), JsonValue.Create(3)];
                var value = values[random.Next(values.Length)];
                config[key] = value;
                return (config.ToJsonString(), $"with {key} = {value!.ToJsonString()}", null);
            case 1:
                JsonNode?[] wrong = [null, JsonValue.Create("8"), JsonValue.Create(true), new JsonArray(), new JsonObject()];
                var w = wrong[random.Next(wrong.Length)];
                config[key] = w;
                return (config.ToJsonString(), $"with {key} = {w?.ToJsonString() ?? "null"}", key);
            case 2:
                var at = random.Next(original.Length);
                return (original[..at], $"truncated at character {at}", null);
            case 3:
                var chars = original.ToCharArray();
                var i = random.Next(chars.Length);
                chars[i] = "{}[]\",:0x-"[random.Next(10)];
                return (new string(chars), $"with character {i} replaced by '{chars[i]}'", null);
            case 4:
                return (original.Replace($"\"{key}\": ", $"\"{key}\": NaN, \"_\": ", StringComparison.Ordinal), $"with {key} = NaN", null);
            default:
                config.Remove(key);
                return (config.ToJsonString(), $"without {key}", null);
        }
    }
}
