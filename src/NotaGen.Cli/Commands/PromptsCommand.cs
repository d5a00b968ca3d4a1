using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotaGen.Modeling.Conditioning;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen prompts [--model DIR] [--period P] [--composer C] [--instrumentation I] [--json]</c>: the style triples a model knows.</summary>
internal static class PromptsCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Model directory (default: the bundled data/models/default)." };
        var period = new Option<string?>("--period") { Description = "Only prompts whose period contains this text." };
        var composer = new Option<string?>("--composer") { Description = "Only prompts whose composer contains this text." };
        var instrumentation = new Option<string?>("--instrumentation") { Description = "Only prompts whose instrumentation contains this text." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {period, composer, instrumentation, pieces}." };
        var command = new Command("prompts", "List the (period, composer, instrumentation) prompts a model was trained on.")
        {
            model, period, composer, instrumentation, json,
        };
        command.SetAction(parse =>
        {
            try
            {
                var directory = parse.GetValue(model) ?? DefaultModel.Directory();
                var catalog = PromptCatalog.Load(Path.Combine(directory, PromptCatalog.FileName));
                static bool Matches(string? value, string? filter) => filter is null || (value ?? "").Contains(filter, StringComparison.OrdinalIgnoreCase);
                var entries = catalog.Entries.Where(e => Matches(e.Prompt.Period, parse.GetValue(period))
                    && Matches(e.Prompt.Composer, parse.GetValue(composer)) && Matches(e.Prompt.Instrumentation, parse.GetValue(instrumentation))).ToList();
                if (parse.GetValue(json))
                {
                    var array = new JsonArray(entries.Select(e => (JsonNode?)new JsonObject
                    {
                        ["period"] = e.Prompt.Period,
                        ["composer"] = e.Prompt.Composer,
                        ["instrumentation"] = e.Prompt.Instrumentation,
                        ["pieces"] = e.Pieces,
                    }).ToArray());
                    Console.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                    return 0;
                }
                var width = entries.Count == 0 ? 0 : entries.Max(e => (e.Prompt.Composer ?? "").Length);
                foreach (var (prompt, pieces) in entries)
                    Console.WriteLine($"{prompt.Period,-10} {(prompt.Composer ?? "").PadRight(width)}  {prompt.Instrumentation,-16} {pieces,4} pieces");
                Console.WriteLine($"{entries.Count} of {catalog.Entries.Count} prompts");
                return 0;
            }
            catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException)
            {
                Console.Error.WriteLine($"notagen prompts: {error.Message}");
                return 1;
            }
        });
        return command;
    }
}
