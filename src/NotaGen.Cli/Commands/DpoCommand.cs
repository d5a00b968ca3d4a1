using System.CommandLine;
using NotaGen.Evaluation.Style;
using NotaGen.Generation;
using NotaGen.Generation.Sampling;
using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Runtime;
using NotaGen.Music;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Preference;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen dpo sample --checkpoint CKPT (--prompt P/C/I | --prompts prompts.tsv) --samples-per-prompt N --out pairs.jsonl</c>:
/// the sampling half of a CLaMP-DPO iteration. The training half is <c>notagen train --stage dpo --init-from CKPT
/// --dpo-pairs pairs.jsonl</c>; its <c>last.ckpt</c> is the next iteration's policy and reference.
/// </summary>
internal static class DpoCommand
{
    public static Command Create()
    {
        var command = new Command("dpo", "Preference optimisation (CLaMP-DPO): sample, score and pair pieces for `train --stage dpo`.");
        command.Subcommands.Add(Sample());
        return command;
    }

    private static Command Sample()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "The policy: a checkpoint written by `notagen train`.", Required = true };
        var prompt = new Option<string[]>("--prompt") { Description = "A prompt as Period/Composer/Instrumentation (repeatable)." };
        var prompts = new Option<FileInfo?>("--prompts") { Description = "A prompts.tsv (as in a model directory) whose prompts are all sampled." };
        var samples = new Option<int>("--samples-per-prompt") { Description = "Pieces per prompt (NotaGen: 1,000; chosen/rejected = top/bottom 10%).", DefaultValueFactory = _ => 20 };
        var portion = new Option<double>("--portion") { Description = "Share of the ranking taken as chosen and as rejected.", DefaultValueFactory = _ => 0.1 };
        var scorer = new Option<string>("--scorer") { Description = "validity (ABC engine: parses, bar alignment), style (validity, bar alignment and the style classifiers' probability of the prompt; needs --style-model) or structure (text only).", DefaultValueFactory = _ => "validity" };
        scorer.AcceptOnlyFromAmong("validity", "style", "structure");
        var styleModel = new Option<FileInfo?>("--style-model") { Description = "Style classifiers saved by `notagen classify --save`, for --scorer style." };
        var seed = new Option<ulong>("--seed") { Description = "Seed; piece i of prompt p uses a seed derived from (seed, p, i).", DefaultValueFactory = _ => 0 };
        var maxPatches = new Option<int?>("--max-patches") { Description = "Stop each piece after this many patches (keeps sampling affordable)." };
        var threads = new Option<int?>("--threads") { Description = "Torch intra-op threads." };
        var output = new Option<FileInfo>("--out") { Description = "The preference set to write (JSON Lines).", Required = true };
        // DPO learns from the policy's own distribution (the rejected pieces are what it writes unaided), so no mask by
        // default; a masked sample teaches the ranking of pieces the policy would not write alone.
        var constraint = new Option<string>("--constraint")
        {
            Description = "none (the policy's own distribution, which DPO learns from), syntax or structure (masked decoding, as `generate` does); recorded in each pair.",
            DefaultValueFactory = _ => "none",
        };
        constraint.AcceptOnlyFromAmong("none", "syntax", "structure");
        var command = new Command("sample", "Sample pieces per prompt with a policy, score them and write chosen/rejected pairs.")
        {
            checkpoint, prompt, prompts, samples, portion, scorer, styleModel, seed, maxPatches, threads, output, constraint,
        };
        command.SetAction(Interrupt.Cancels((parse, cancellation) =>
        {
            try
            {
                TorchRuntime.Initialize(parse.GetValue(threads));
                var labels = Prompts(parse.GetValue(prompt) ?? [], parse.GetValue(prompts));
                IPieceScorer chosenScorer = parse.GetValue(scorer) switch
                {
                    "structure" => new StructureScorer(),
                    "style" => new StyleScorer(StyleModel.Load((parse.GetValue(styleModel) ?? throw new ArgumentException("--scorer style needs --style-model FILE (from `notagen classify --save`).")).FullName)),
                    _ => new ValidityScorer(),
                };
                using var policy = ModelWeights.FromCheckpoint(parse.GetValue(checkpoint)!.FullName);
                policy.eval();
                var perPrompt = parse.GetValue(samples);
                var sampler = new PreferenceSampler(policy, new PreferenceSelection(chosenScorer, parse.GetValue(portion)))
                {
                    OnPiece = (p, i, piece) => Console.WriteLine(
                        $"prompt {p + 1}/{labels.Count}, piece {i + 1}/{perPrompt}: {piece.Stop} after {piece.Elapsed.TotalSeconds:0.0} s, {piece.Patches} patches"),
                };
                var options = new GenerationOptions
                {
                    Sampling = SamplingOptions.NotaGenDefaults,
                    MaxPatches = parse.GetValue(maxPatches),
                    Constraint = GenerateCommand.ParseConstraint(parse.GetValue(constraint)!),
                };
                var sampling = sampler.Sample(labels, perPrompt, parse.GetValue(seed), options, cancellation);
                var path = parse.GetValue(output)!.FullName;
                if (sampling.PromptsSampled == 0)
                {
                    // Interrupted before the first prompt was sampled in full: an existing file there is kept as it was.
                    Console.Error.WriteLine($"notagen dpo sample: interrupted during prompt 1/{labels.Count}; {path} was not written.");
                    return CliExit.Interrupted;
                }
                PreferencePairs.Write(path, sampling.Pairs);
                Console.WriteLine($"{sampling.Pairs.Count} pairs from {sampling.PromptsSampled} prompt(s) × {perPrompt} pieces, constraint {parse.GetValue(constraint)}, scored by {chosenScorer.Name}: {path}");
                if (sampling.PromptsSampled == labels.Count)
                    return 0;
                Console.Error.WriteLine($"notagen dpo sample: interrupted during prompt {sampling.PromptsSampled + 1}/{labels.Count}, whose pieces are not paired; "
                    + $"{path} holds the pairs of the {sampling.PromptsSampled} prompt(s) sampled in full.");
                return CliExit.Interrupted;
            }
            catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException or MusicFormatException)
            {
                Console.Error.WriteLine($"notagen dpo sample: {error.Message}");
                return error is ArgumentException ? CliExit.BadArgument : CliExit.BadInput;
            }
        }));
        return command;
    }

    private static List<StylePrompt> Prompts(IEnumerable<string> given, FileInfo? file)
    {
        var labels = new List<StylePrompt>();
        foreach (var text in given)
        {
            labels.Add(StylePrompt.TryParse(text)
                ?? throw new ArgumentException($"--prompt '{text}': expected Period/Composer/Instrumentation, e.g. \"Romantic/Schubert, Franz/Art Song\"."));
        }
        if (file is not null)
            labels.AddRange(PromptCatalog.Load(file.FullName).Entries.Select(e => e.Prompt));
        if (labels.Count == 0)
            throw new ArgumentException("give at least one --prompt or a --prompts file.");
        return labels;
    }
}
