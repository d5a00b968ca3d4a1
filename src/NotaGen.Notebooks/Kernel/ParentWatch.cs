using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NotaGen.Notebooks.Kernel;

/// <summary>
/// Notices that the process that started the kernel is gone, so a kernel whose client crashed does not live on as
/// an orphan. Watches the process Jupyter names in <c>JPY_PARENT_PID</c> and, on Unix, whether the kernel was
/// re-parented (its parent process id changed: the parent died and init or a subreaper adopted it).
/// </summary>
internal sealed class ParentWatch
{
    public const string ParentVariable = "JPY_PARENT_PID";

    private readonly int? namedParent;
    private readonly int? startParent;

    public ParentWatch(string? jpyParentPid)
    {
        // On Windows Jupyter passes a handle there, not a process id; only Unix ids are watched.
        if (!OperatingSystem.IsWindows())
        {
            if (int.TryParse(jpyParentPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1)
                namedParent = pid;
            startParent = ParentProcessId();
        }
    }

    public static ParentWatch FromEnvironment() => new(Environment.GetEnvironmentVariable(ParentVariable));

    /// <summary>Why the parent counts as gone, or null while it lives.</summary>
    public string? ParentGone()
    {
        if (namedParent is { } pid && !IsRunning(pid))
            return $"its parent process {pid} ({ParentVariable}) has exited";
        if (startParent is { } start && start > 1 && ParentProcessId() is { } now && now != start)
            return $"its parent process {start} has exited (now adopted by {now})";
        return null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int? ParentProcessId() => OperatingSystem.IsWindows() ? null : getppid();

    // DllImport, not LibraryImport: the source-generated form needs unsafe code enabled for one int-returning call.
#pragma warning disable SYSLIB1054
    [DllImport("libc")]
    private static extern int getppid();
#pragma warning restore SYSLIB1054
}
