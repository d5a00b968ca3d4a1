using System.CommandLine;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen abc ...</c>: check, interleave, deinterleave and transpose ABC files.</summary>
internal static class AbcCommand
{
    public static Command Create()
    {
        var command = new Command("abc", "Work with ABC notation files.");
        AbcInterleaveCommands.AddTo(command);
        return command;
    }
}
