using System.CommandLine;
using System.Runtime.InteropServices;

namespace NotaGen.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) as a cancellation of a long command. System.CommandLine starts watching for it only once an action
/// has returned its task, and ours do their work before returning one, so without this the process was ended at once
/// (killed by the signal: no summary, FluidSynth left running, no "stopped" line). The first Ctrl-C cancels the token
/// the command checks; a second one ends the process as usual.
/// </summary>
internal static class Interrupt
{
    /// <summary>The action for <c>SetAction</c>: <paramref name="action"/> run with a token that Ctrl-C cancels.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Cancels(Func<ParseResult, CancellationToken, int> action) =>
        (parse, cancellation) =>
        {
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
            {
                if (interrupt.IsCancellationRequested)
                    return;
                signal.Cancel = true;
                interrupt.Cancel();
            });
            return Task.FromResult(action(parse, interrupt.Token));
        };
}
