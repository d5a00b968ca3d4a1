using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen model ...</c>: describe model presets and saved models.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Describe model presets and saved models; export training checkpoints as model directories; import and export NotaGen PyTorch checkpoints.");
        command.Subcommands.Add(Info());
        command.Subcommands.Add(ModelExportCommand.Create());
        command.Subcommands.Add(ModelImportCommand.Create());
        return command;
    }

    private static Command Info()
    {
        var preset = new Option<string?>("--preset") { Description = $"A preset: {string.Join(", ", ModelPresets.Names)}." };
        var model = new Option<string?>("--model") { Description = "A saved model directory (config.json + model.safetensors)." };
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"preset\": ..., \"parameters\": N, ...}." };
        var command = new Command("info", "Print a model's shape and parameter count.") { preset, model, json };
        command.SetAction(parseResult =>
        {
            var presetName = parseResult.GetValue(preset);
            var modelDirectory = parseResult.GetValue(model);
            if ((presetName is null) == (modelDirectory is null))
            {
                Console.Error.WriteLine("notagen model info: give exactly one of --preset NAME or --model DIR.");
                return 2;
            }
            JsonObject info;
            try
            {
                info = presetName is not null ? Describe(ModelPresets.Get(presetName)) : DescribeSaved(modelDirectory!);
            }
            catch (Exception error) when (error is ArgumentException or WeightFileException or IOException)
            {
                Console.Error.WriteLine($"notagen model info: {error.Message}");
                return 1;
            }
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(info.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var (key, value) in info)
                    Console.WriteLine($"{key,-24} {value?.ToJsonString()}");
            }
            return 0;
        });
        return command;
    }

    private static JsonObject Describe(NotaGenConfig config)
    {
        var count = ParameterCount.Of(config);
        return new JsonObject
        {
            ["preset"] = config.Preset,
            ["parameters"] = count.Total,
            ["patch_level_parameters"] = count.PatchLevel,
            ["char_level_parameters"] = count.CharLevel,
            ["style_parameters"] = count.StyleEmbeddings + count.StyleAdapters + count.StyleAttentionBias,
            ["adapter_parameters"] = count.StyleAdapters,
            ["float32_megabytes"] = Math.Round(count.Total * 4 / 1e6, 1),
            ["patch_size"] = config.PatchSize,
            ["patch_length"] = config.PatchLength,
            ["hidden_size"] = config.HiddenSize,
            ["patch_layers"] = config.PatchLayers,
            ["char_layers"] = config.CharLayers,
            ["heads"] = config.Heads,
            ["dropout"] = config.Dropout,
            ["vocabulary_size"] = config.VocabularySize,
            ["style_embeddings"] = config.Style.Embeddings,
            ["style_adapters"] = config.Style.Adapters,
            ["style_attention_bias"] = config.Style.AttentionBias,
        };
    }

    private static JsonObject DescribeSaved(string directory)
    {
        var configPath = Path.Combine(directory, ModelDirectory.ConfigFile);
        if (!File.Exists(configPath)) throw new ArgumentException($"{directory}: no {ModelDirectory.ConfigFile}; not a saved model directory.");
        var info = Describe(NotaGenConfig.FromJson(File.ReadAllText(configPath)));
        info["model"] = Path.GetFullPath(directory);
        // What the weight file actually holds (the tied LM head copy not counted), read from its header only.
        using var reader = SafeTensorsReader.Open(Path.Combine(directory, ModelDirectory.WeightsFile));
        info["weights_file_parameters"] = reader.Entries.Values.Where(e => e.Name != ModelDirectory.TiedHead).Sum(e => e.ElementCount);
        return info;
    }
}
