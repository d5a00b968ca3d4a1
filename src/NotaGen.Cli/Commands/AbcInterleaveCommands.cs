using System.CommandLine;
using NotaGen.Music.IO;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen abc interleave</c>, <c>deinterleave</c> and <c>transpose</c>: NotaGen's data format on files.
/// <see cref="AddTo"/> is the one entry point the <c>abc</c> command calls.
/// </summary>
internal static class AbcInterleaveCommands
{
    public static void AddTo(Command abc)
    {
        abc.Subcommands.Add(Interleave());
        abc.Subcommands.Add(Deinterleave());
        abc.Subcommands.Add(AbcTransposeCommand.Create());
    }

    private static Command Interleave()
    {
        var input = new Argument<FileInfo>("IN") { Description = "Standard multi-voice ABC (one V:n section per voice, as xml2abc writes it)." };
        var output = new Argument<FileInfo>("OUT") { Description = "Where to write the interleaved ABC (replaced atomically)." };
        var reduceRests = new Option<bool>("--reduce-rests") { Description = "Drop each voice's bars that hold only rests (NotaGen's training form)." };
        var barCounters = new Option<bool>("--bar-counters") { Description = "Prefix every bar line with [r:i/j] (bar index / bars remaining)." };
        var noClean = new Option<bool>("--no-clean") { Description = "Skip NotaGen's cleaning (ASCII folding, field and annotation filters)." };
        var command = new Command("interleave", "Standard ABC → NotaGen's interleaved ABC: one line per bar holding every voice ([V:n]bar|...).")
        {
            input, output, reduceRests, barCounters, noClean,
        };
        command.SetAction(parse => CliExit.Run(() =>
        {
            var path = parse.GetValue(input)!.FullName;
            var text = File.ReadAllText(path);
            if (!parse.GetValue(noClean))
            {
                var cleaned = Cleaner.Clean(text, path);
                if (cleaned.IsRejected)
                {
                    Console.Error.WriteLine($"{path}: rejected by NotaGen's cleaning: {cleaned.Rejection}");
                    return CliExit.BadInput;
                }
                text = cleaned.Text!;
            }
            var options = new InterleaveOptions { ReduceRests = parse.GetValue(reduceRests), BarCounters = parse.GetValue(barCounters) };
            AtomicFile.WriteAllText(parse.GetValue(output)!.FullName, Interleaver.Interleave(text, options, path));
            return CliExit.Success;
        }));
        return command;
    }

    private static Command Deinterleave()
    {
        var input = new Argument<FileInfo>("IN") { Description = "Interleaved ABC, plain or rest-reduced with [r:] counters (e.g. a model's output)." };
        var output = new Argument<FileInfo>("OUT") { Description = "Where to write standard ABC with one V:n section per voice (replaced atomically)." };
        var command = new Command("deinterleave", "NotaGen's interleaved ABC → standard ABC. Rest-reduced input first gets its missing voices back (rest_unreduce, from %%score).")
        {
            input, output,
        };
        command.SetAction(parse => CliExit.Run(() =>
        {
            var path = parse.GetValue(input)!.FullName;
            var tune = InterleavedTune.Parse(File.ReadAllText(path), path);
            var voices = tune.BodyVoices;
            var reduced = tune.Lines.Any(line => voices.Any(id => line.Find(id) is null));
            var text = reduced
                ? Deinterleaver.Deinterleave(RestUnreducer.Unreduce(File.ReadAllText(path), path), path)
                : Deinterleaver.Deinterleave(tune, path);
            AtomicFile.WriteAllText(parse.GetValue(output)!.FullName, text);
            if (reduced)
                Console.Error.WriteLine($"{path}: rest-reduced input: missing voices restored with rests before deinterleaving");
            return CliExit.Success;
        }));
        return command;
    }
}
