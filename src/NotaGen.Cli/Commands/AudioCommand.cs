using System.CommandLine;
using System.Diagnostics;
using NotaGen.Audio.Rendering;
using NotaGen.Music;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Midi;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen render IN.mid|IN.abc OUT.wav [--synth auto|builtin|fluidsynth]</c>: MIDI (or ABC) to audio.</summary>
internal static class AudioCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "The MIDI file (.mid, .midi) or ABC file (.abc, first tune) to render." };
        var output = new Argument<FileInfo>("output") { Description = "The WAV file to write (16-bit stereo, 44.1 kHz)." };
        var synth = new Option<string>("--synth")
        {
            Description = "auto (FluidSynth when installed, else built-in), builtin, or fluidsynth.",
            DefaultValueFactory = _ => "auto",
        };
        synth.AcceptOnlyFromAmong("auto", "builtin", "fluidsynth");

        var noRepeats = new Option<bool>("--no-repeats") { Description = "ABC input: play the notated bars once (repeats and endings are played by default)." };

        var command = new Command("render", "Render a MIDI or ABC file to a WAV file.") { input, output, synth, noRepeats };
        command.SetAction(Interrupt.Cancels((parseResult, cancellation) => Render(parseResult, cancellation)));
        return command;

        int Render(ParseResult parseResult, CancellationToken cancellation)
        {
            var inFile = parseResult.GetValue(input)!;
            var outFile = parseResult.GetValue(output)!;
            var choice = parseResult.GetValue(synth) switch
            {
                "builtin" => Synthesizer.BuiltIn,
                "fluidsynth" => Synthesizer.FluidSynth,
                _ => Synthesizer.Auto,
            };
            if (!inFile.Exists)
            {
                Console.Error.WriteLine($"notagen render: {inFile.FullName} does not exist.");
                return 2;
            }
            try
            {
                var clock = Stopwatch.StartNew();
                var used = inFile.Extension.Equals(".abc", StringComparison.OrdinalIgnoreCase)
                    ? AudioRenderer.RenderFile(MidiFromAbc(inFile.FullName, !parseResult.GetValue(noRepeats), cancellation), outFile.FullName, choice, cancellation)
                    : AudioRenderer.RenderFile(inFile.FullName, outFile.FullName, choice, cancellation);
                Console.WriteLine($"{outFile.FullName}: rendered with {(used == Synthesizer.FluidSynth ? "FluidSynth" : "the built-in synthesizer")} in {clock.Elapsed.TotalSeconds:0.00} s");
                return 0;
            }
            catch (Exception error) when (error is MusicFormatException or MidiExportException or AudioRenderingException
                or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"notagen render: {error.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                Console.Error.WriteLine($"notagen render: cancelled; {outFile.FullName} was not written.");
                return CliExit.Interrupted;
            }
        }
    }

    /// <summary>The first tune of an ABC file as MIDI, repeats played unless told not; syntax errors are reported with line and column.</summary>
    private static MidiFile MidiFromAbc(string path, bool playRepeats, CancellationToken cancel)
    {
        var document = AbcParser.ParseFile(path).ThrowIfErrors();
        if (document.Tunes.Count == 0)
            throw new MusicFormatException(path, "", "the file holds no tune (no X: line)");
        var tune = document.Tunes[0];
        return MidiExporter.Export(playRepeats ? tune.ToPlayedScoreEvents(path) : tune.ToScoreEvents(path), cancel: cancel);
    }
}
