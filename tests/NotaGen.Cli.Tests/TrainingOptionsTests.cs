using System.CommandLine;
using System.Text.Json.Nodes;
using NotaGen.Cli.Commands;
using NotaGen.Training.Configuration;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// <c>notagen train</c>'s flags: each one sets exactly the configuration key of its own name (read from the key's
/// JSON, not from the declaration), and a flag not given keeps the file's value.
/// </summary>
public sealed class TrainingOptionsTests
{
    private static readonly TrainingConfig FromFile = TrainingConfig.FromJson("""
        { "stage": "finetune", "data": "corpus.jsonl", "output": "run", "steps": 12, "learning_rate": 0.003, "seed": 9,
          "adapters_only": true, "threads": 2, "dpo": { "pairs": "pairs.jsonl" } }
        """);

    private static (IReadOnlyList<TrainingOption> Options, ParseResult Parse) Parse(params string[] args)
    {
        var options = TrainingOptions.Create();
        var command = new RootCommand();
        foreach (var option in options) command.Options.Add(option.Option);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return (options, parse);
    }

    /// <summary>Every leaf of the configuration's JSON, by dotted snake_case path.</summary>
    private static Dictionary<string, string> Keys(TrainingConfig config)
    {
        var keys = new Dictionary<string, string>();
        void Walk(JsonNode? node, string path)
        {
            if (node is JsonObject obj)
                foreach (var (name, child) in obj) Walk(child, path.Length == 0 ? name : $"{path}.{name}");
            else
                keys[path] = node?.ToJsonString() ?? "null";
        }
        Walk(JsonNode.Parse(config.ToJson()), "");
        return keys;
    }

    [Fact]
    public void Each_flag_sets_the_key_of_its_own_name_and_nothing_else()
    {
        var names = TrainingOptions.Create().Select(o => o.Option.Name).ToList();
        Assert.Equal(18, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        var before = Keys(FromFile);
        foreach (var name in names)
        {
            var value = name switch { "--learning-rate" => "0.5", "--stage" or "--device" => "dpo", _ => "7" };
            var (options, parse) = Parse(name is "--adapters-only" ? new[] { name } : new[] { name, value });
            var config = name is "--adapters-only" ? FromFile with { AdaptersOnly = false } : FromFile;
            var reference = Keys(config);
            var after = Keys(TrainingOptions.Overlay(options, parse, config));
            var changed = after.Where(k => reference[k.Key] != k.Value).Select(k => k.Key).ToList();
            var key = name[2..].Replace('-', '_') switch
            {
                "preset" => "model_preset",
                "dpo_pairs" => "dpo.pairs",
                var same => same,
            };
            Assert.True(changed.SequenceEqual([key]), $"{name} changed [{string.Join(", ", changed)}], expected [{key}]");
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
        }
    }

    [Fact]
    public void Flags_not_given_keep_the_files_values()
    {
        var (options, parse) = Parse();
        Assert.Equal(Keys(FromFile), Keys(TrainingOptions.Overlay(options, parse, FromFile)));
    }

    [Fact]
    public void Given_flags_replace_the_files_values()
    {
        var (options, parse) = Parse("--steps", "40", "--output", "elsewhere", "--dpo-pairs", "other.jsonl");
        var config = TrainingOptions.Overlay(options, parse, FromFile);
        Assert.Equal(40, config.Steps);
        Assert.Equal("elsewhere", config.Output);
        Assert.Equal("other.jsonl", config.Dpo.Pairs);
        Assert.Equal(0.003, config.LearningRate);
        Assert.True(config.AdaptersOnly);
    }
}
