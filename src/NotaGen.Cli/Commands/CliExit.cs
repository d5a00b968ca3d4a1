using NotaGen.Music;

namespace NotaGen.Cli.Commands;

/// <summary>
/// Exit codes and error printing shared by the file-to-file commands: 0 done, 1 the input is not valid for the
/// operation (the message names file:line:column), 2 a bad argument, 3 a file that cannot be read or written, 130
/// stopped by Ctrl-C (128 + SIGINT, as a shell reports it; see <see cref="Interrupt"/>).
/// </summary>
internal static class CliExit
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int BadArgument = 2;
    public const int FileError = 3;
    public const int Interrupted = 130;

    /// <summary>Runs a file operation and turns the errors it may raise into a message on stderr and an exit code.</summary>
    public static int Run(Func<int> operation)
    {
        try
        {
            return operation();
        }
        catch (MusicFormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return BadInput;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return BadArgument;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            return FileError;
        }
    }
}
