using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotaGen.Audio.Rendering;
using NotaGen.Generation;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Continuation;
using NotaGen.Generation.Outputs;
using NotaGen.Generation.Sampling;
using NotaGen.Modeling;
using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Runtime;
using NotaGen.Modeling.Weights;
using NotaGen.Music;
using NotaGen.Music.IO;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen generate --period P --composer C --instrumentation I --out DIR</c>, the workbench's main job: conditioned
/// generation with the bundled (or a given) model, seeded, writing per piece the raw text, <c>.abc</c>, <c>.musicxml</c>,
/// <c>.mid</c> and <c>.wav</c>, plus <c>generation.json</c> (options, timings, validity) for the whole run.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var period = new Option<string>("--period") { Description = "NotaGen period, e.g. Romantic.", Required = true };
        var composer = new Option<string>("--composer") { Description = "Composer as NotaGen writes it, e.g. \"Schubert, Franz\".", Required = true };
        var instrumentation = new Option<string>("--instrumentation") { Description = "Keyboard, Chamber, Orchestral, Art Song, Choral or Vocal-Orchestral.", Required = true };
        var model = new Option<string?>("--model") { Description = "Model directory (default: the bundled data/models/default)." };
        var topK = new Option<int>("--top-k") { Description = "Characters kept by top-k (0: all).", DefaultValueFactory = _ => 9 };
        var topP = new Option<double>("--top-p") { Description = "Probability mass kept by top-p.", DefaultValueFactory = _ => 0.9 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature (0: most probable character).", DefaultValueFactory = _ => 1.2 };
        var order = new Option<string>("--sampling-order") { Description = "notagen (top-k, top-p, then temperature) or temperature-first.", DefaultValueFactory = _ => "notagen" };
        order.AcceptOnlyFromAmong("notagen", "temperature-first");
        var seed = new Option<ulong>("--seed") { Description = "Seed of the first piece; piece i uses seed + i.", DefaultValueFactory = _ => 0 };
        var bars = new Option<int?>("--bars") { Description = "Number of bars to write." };
        var key = new Option<string?>("--key") { Description = "Force the key, e.g. G or Am." };
        var meter = new Option<string?>("--meter") { Description = "Force the meter, e.g. 3/4." };
        var tempo = new Option<string?>("--tempo") { Description = "Force the tempo line, e.g. 1/4=96." };
        var continueFrom = new Option<FileInfo?>("--continue")
        {
            Description = "A score to continue: .abc (standard or NotaGen's interleaved form), .xml/.musicxml/.mxl or .mid/.midi; its header and bars are the prompt, "
                + "the figures printed are about the new bars only.",
        };
        var continueBars = new Option<int?>("--continue-bars")
        {
            Description = "With --continue: keep only the score's first N bars (default: all; a prompt longer than the model's context is streamed as NotaGen does, "
                + "the model then sees the header and the last bars that fit).",
        };
        var moreBars = new Option<int>("--more-bars") { Description = "With --continue: bars to add.", DefaultValueFactory = _ => 8 };
        var count = new Option<int>("--count") { Description = "Pieces to generate.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory.", Required = true };
        var threads = new Option<int?>("--threads") { Description = "Torch intra-op threads (default: torch's)." };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Give up on a piece after this many seconds.", DefaultValueFactory = _ => 600 };
        var constraint = new Option<string>("--constraint")
        {
            Description = "structure (every bar fills its meter in every voice, headers consistent), syntax (the format's syntax only) or none (the model's own distribution).",
            DefaultValueFactory = _ => "structure",
        };
        constraint.AcceptOnlyFromAmong("none", "syntax", "structure");
        var synth = new Option<string>("--synth") { Description = "auto (FluidSynth when installed), builtin or fluidsynth.", DefaultValueFactory = _ => "auto" };
        synth.AcceptOnlyFromAmong("auto", "builtin", "fluidsynth");
        var noRepeats = new Option<bool>("--no-repeats") { Description = "The .mid and .wav play the notated bars once (by default repeats and endings are played, as render does)." };

        var command = new Command("generate", "Generate pieces in a style: raw text, .abc, .musicxml, .mid and .wav per piece.")
        {
            period, composer, instrumentation, model, topK, topP, temperature, order, seed, bars, key, meter, tempo,
            continueFrom, continueBars, moreBars, count, output, threads, maxSeconds, constraint, synth, noRepeats,
        };
        command.SetAction(Interrupt.Cancels((parse, cancellation) =>
        {
            try
            {
                TorchRuntime.Initialize(parse.GetValue(threads));
                var modelDirectory = parse.GetValue(model) ?? DefaultModel.Directory();
                var prompt = new StylePrompt(parse.GetValue(period)!, parse.GetValue(composer)!, parse.GetValue(instrumentation)!);
                var sampling = new SamplingOptions(parse.GetValue(topK), parse.GetValue(topP), parse.GetValue(temperature),
                    parse.GetValue(order) == "temperature-first" ? SamplingOrder.TemperatureFirst : SamplingOrder.NotaGen);
                sampling.Validate();
                var run = new GenerationRun(
                    modelDirectory, prompt, sampling, parse.GetValue(seed), parse.GetValue(count),
                    parse.GetValue(bars), parse.GetValue(key), parse.GetValue(meter), parse.GetValue(tempo),
                    parse.GetValue(continueFrom)?.ToString(), parse.GetValue(continueBars), parse.GetValue(moreBars), parse.GetValue(output)!.FullName,
                    TimeSpan.FromSeconds(parse.GetValue(maxSeconds)),
                    ParseConstraint(parse.GetValue(constraint)!),
                    parse.GetValue(synth) switch { "builtin" => Synthesizer.BuiltIn, "fluidsynth" => Synthesizer.FluidSynth, _ => Synthesizer.Auto },
                    PlayRepeats: !parse.GetValue(noRepeats));
                return run.Execute(cancellation);
            }
            catch (Exception error) when (error is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException
                or WeightFileException or MusicFormatException)
            {
                Console.Error.WriteLine($"notagen generate: {error.Message}");
                return error is ArgumentException ? CliExit.BadArgument : CliExit.BadInput;
            }
        }));
        return command;
    }

    public static ConstraintLevel ParseConstraint(string value) => value switch
    {
        "none" => ConstraintLevel.None,
        "syntax" => ConstraintLevel.Syntax,
        _ => ConstraintLevel.Structure,
    };

    private sealed record GenerationRun(
        string ModelDirectory, StylePrompt Prompt, SamplingOptions Sampling, ulong Seed, int Count, int? Bars,
        string? Key, string? Meter, string? Tempo, string? ContinueFile, int? ContinueBars, int MoreBars, string Output, TimeSpan MaxDuration,
        ConstraintLevel Constraint, Synthesizer Synthesizer, bool PlayRepeats)
    {
        public int Execute(CancellationToken cancellation)
        {
            if (Count < 1) throw new ArgumentException($"--count must be at least 1, got {Count}.");
            if (ContinueBars is not null && ContinueFile is null) throw new ArgumentException("--continue-bars needs --continue FILE.");
            using var model = Modeling.Weights.ModelDirectory.Load(ModelDirectory);
            model.eval();
            var conditioning = ModelConditioning.Load(ModelDirectory, model.Config);
            if (conditioning.Catalog is null)
                Console.Error.WriteLine($"notagen generate: {ModelDirectory} has no {PromptCatalog.FileName}; the prompt is not checked against the training data.");
            var prompt = conditioning.Resolve(Prompt);
            var continuation = ContinueFile is null ? null : Continue(model, conditioning.PromptLinesOf(prompt));
            var request = Request(conditioning, prompt, continuation);
            request.Validate();
            Console.WriteLine($"model {Path.GetFullPath(ModelDirectory)} ({model.Config.Preset}); prompt {prompt}; "
                + $"top-k {Sampling.TopK}, top-p {Sampling.TopP}, temperature {Sampling.Temperature}; constraint {Constraint.ToString().ToLowerInvariant()}");

            var generator = new PieceGenerator(model);
            var exporter = new PieceExporter(Synthesizer, PlayRepeats);
            var pieces = new JsonArray();
            var failures = 0;
            var parsing = new List<double>();
            var seconds = new List<double>();
            for (var i = 0; i < Count && !cancellation.IsCancellationRequested; i++)
            {
                var seed = Seed + (ulong)i;
                var name = $"{Slug(prompt.Composer ?? "")}-{Slug(prompt.Instrumentation ?? "")}-seed{seed}";
                var progress = new GenerationProgress(Console.Out, !Console.IsOutputRedirected, $"{name}", Bars ?? (continuation is null ? null : MoreBars));
                var options = new GenerationOptions { Sampling = Sampling, Seed = seed, MaxDuration = MaxDuration, OnPatch = progress.OnPatch, Constraint = Constraint };
                var piece = generator.Generate(request, options, cancellation);
                progress.Finish();

                var files = exporter.Write(piece.RawText, Output, name);
                // A continuation's figures are about the bars the model wrote, not the prompt's it copied.
                var validity = continuation is null
                    ? PieceValidity.Of(piece.Restore(), files.Abc ?? files.Raw)
                    : NewBars.Validity(piece.RawText, continuation.Bars, files.Abc ?? files.Raw);
                // The command fails when a piece lacks one of its five files; a piece that parses badly is reported, not fatal.
                if (!piece.Finished || files.Problems.Count > 0) failures++;
                if (validity.Parses) parsing.Add(validity.BarAlignmentError);
                seconds.Add(piece.Elapsed.TotalSeconds);
                Console.WriteLine($"{name}: {Describe(piece.Stop)} after {piece.Elapsed.TotalSeconds:0.0} s, {piece.Patches} patches; "
                    + (continuation is null ? "" : $"{validity.Bars} new bar(s) after the prompt's {continuation.Bars}: ")
                    + (validity.Parses ? string.Create(CultureInfo.InvariantCulture, $"parses, bar alignment error {validity.BarAlignmentError * 100:0.0}%") : $"does not parse: {validity.Problem}"));
                foreach (var problem in files.Problems)
                    Console.WriteLine($"  {problem}");
                foreach (var path in files.Written)
                    Console.WriteLine($"  {path}");
                var report = Report(name, seed, piece, validity, files);
                if (continuation is not null)
                    report["prompt_bars"] = continuation.Bars;
                pieces.Add(report);
            }
            var summary = new JsonObject
            {
                ["model"] = Path.GetFullPath(ModelDirectory),
                ["prompt"] = new JsonObject { ["period"] = prompt.Period, ["composer"] = prompt.Composer, ["instrumentation"] = prompt.Instrumentation },
                ["top_k"] = Sampling.TopK,
                ["top_p"] = Sampling.TopP,
                ["temperature"] = Sampling.Temperature,
                ["sampling_order"] = Sampling.Order.ToString(),
                ["constraint"] = Constraint.ToString().ToLowerInvariant(),
                ["bars"] = Bars,
                ["continued"] = continuation is null ? null : new JsonObject
                {
                    ["file"] = continuation.Source,
                    ["prompt_bars"] = continuation.Bars,
                    ["score_bars"] = continuation.SourceBars,
                    ["more_bars"] = MoreBars,
                    ["changes"] = new JsonArray(continuation.Changes.Select(c => (JsonNode?)c).ToArray()),
                    ["figures"] = "bars, parses and bar_alignment_error of each piece are about the new bars only",
                },
                ["parse_rate"] = pieces.Count == 0 ? 0 : (double)parsing.Count / pieces.Count,
                ["mean_bar_alignment_error"] = parsing.Count == 0 ? null : parsing.Average(),
                ["mean_seconds"] = seconds.Count == 0 ? 0 : seconds.Average(),
                ["pieces"] = pieces,
            };
            var reportPath = Path.Combine(Output, "generation.json");
            AtomicFile.WriteAllText(reportPath, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{pieces.Count} piece(s) in {Output}: {parsing.Count} parse ({100.0 * parsing.Count / Math.Max(1, pieces.Count):0}%), "
                + $"mean bar alignment error of those {(parsing.Count == 0 ? "n/a" : $"{100 * parsing.Average():0.0}%")}, "
                + $"mean {(seconds.Count == 0 ? 0 : seconds.Average()):0.0} s per piece; summary in {reportPath}"));
            return cancellation.IsCancellationRequested ? CliExit.Interrupted : failures == 0 ? 0 : 1;
        }

        private ContinuationPrompt Continue(NotaGenModel model, IReadOnlyList<string> promptLines)
        {
            var continuation = ContinuationPrompt.ReadFile(ContinueFile!,
                new ContinuationSettings(Constraint, MoreBars, ContinueBars, promptLines), warn: Console.Error.WriteLine);
            Console.WriteLine($"continuing {continuation.Describe()}; {MoreBars} new bar(s)");
            var patches = new BarPatchTokenizer(int.MaxValue).EncodeForGeneration(continuation.Text, closeFinishedLine: true).Count;
            if (patches >= model.Config.PatchLength)
                Console.WriteLine($"  the prompt is {patches} patches, the model's context {model.Config.PatchLength}: "
                    + "the model sees the header and the last bars that fit (NotaGen's streaming); the output keeps every bar");
            return continuation;
        }

        private PieceRequest Request(ModelConditioning conditioning, StylePrompt prompt, ContinuationPrompt? continuation) =>
            PieceRequest.For(conditioning, prompt) with
            {
                Bars = continuation is null ? Bars : null,
                Key = continuation is null ? Key : null,
                Meter = continuation is null ? Meter : null,
                Tempo = continuation is null ? Tempo : null,
                Continue = continuation?.Text,
                MoreBars = MoreBars,
            };

        private static JsonObject Report(string name, ulong seed, GeneratedPiece piece, PieceValidity validity, PieceFiles files) => new()
        {
            ["name"] = name,
            ["seed"] = seed,
            ["stop"] = piece.Stop.ToString(),
            ["seconds"] = Math.Round(piece.Elapsed.TotalSeconds, 3),
            ["patches"] = piece.Patches,
            ["characters"] = piece.GeneratedCharacters,
            ["sampled_characters"] = piece.Statistics.Sampled,
            ["mean_log_probability_per_character"] = piece.Statistics.MeanLogProbability,
            ["mean_mass_removed_by_constraint"] = piece.Statistics.MeanRemovedMass,
            ["share_of_characters_with_over_half_removed"] = piece.Statistics.ShareRemovedOverHalf,
            ["parses"] = validity.Parses,
            ["bars"] = validity.Bars,
            ["bar_alignment_error"] = validity.Parses ? validity.BarAlignmentError : null,
            ["problem"] = validity.Problem,
            ["files"] = new JsonArray(files.Written.Select(f => (JsonNode?)Path.GetFileName(f)).ToArray()),
            ["problems"] = new JsonArray(files.Problems.Select(p => (JsonNode?)p).ToArray()),
        };

        private static string Describe(StopReason stop) => stop switch
        {
            StopReason.EndPatch => "finished",
            StopReason.BarCount => "all bars written",
            StopReason.CharacterLimit => "stopped at the character limit",
            StopReason.TimeLimit => "stopped at the time limit (--max-seconds)",
            StopReason.Cancelled => "cancelled",
            StopReason.ContextFull => "stopped: the context filled before the body began",
            _ => $"stopped ({stop})",
        };

        private static string Slug(string text)
        {
            var slug = new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
            while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
            return slug.Trim('-');
        }
    }
}
