using System.CommandLine;
using NotaGen.Music.IO;
using NotaGen.Music.Transposition;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen abc transpose IN OUT --to KEY</c>: NotaGen's key transposition on a file.</summary>
internal static class AbcTransposeCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("IN") { Description = "ABC text, standard or interleaved." };
        var output = new Argument<FileInfo>("OUT") { Description = "Where to write the transposed ABC (replaced atomically)." };
        var to = new Option<string>("--to")
        {
            Description = $"Target key: one of NotaGen's 15 ({string.Join(" ", NotaGenKeys.All)}) or a key with a mode (Am, Ddor) for its signature.",
            Required = true,
        };
        var command = new Command("transpose", "Transpose every note, key and chord symbol to a target key (NotaGen's -5..+6 semitones rule), keeping all other text.")
        {
            input, output, to,
        };
        command.SetAction(parse => CliExit.Run(() =>
        {
            var path = parse.GetValue(input)!.FullName;
            var result = AbcTransposer.ToKey(File.ReadAllText(path), parse.GetValue(to)!, path);
            AtomicFile.WriteAllText(parse.GetValue(output)!.FullName, result.Text);
            Console.Error.WriteLine($"{path}: transposed {result.Interval}" +
                                    (result.Respelled > 0 ? $"; {result.Respelled} notes or chord roots respelled on a neighbouring letter" : ""));
            return CliExit.Success;
        }));
        return command;
    }
}
