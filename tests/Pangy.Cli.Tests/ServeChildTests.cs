using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pangy.Cli.Tests;

/// <summary>
/// <c>pangy serve</c> started without a GC choice re-runs itself with server GC; the CLI project turns tiered
/// compilation off for its batch commands, so that child must turn it back on for a server's fast start-up.
/// </summary>
public sealed class ServeChildTests
{
    [Fact]
    public async Task The_server_gc_child_runs_with_tiered_compilation()
    {
        if (!OperatingSystem.IsLinux()) return; // the child's environment is read from /proc
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["store"]);
        // A GC or tiering choice in the test's own environment would be inherited, and is the caller's to keep.
        if (((string[])["DOTNET_gcServer", "COMPlus_gcServer", "DOTNET_TieredCompilation", "COMPlus_TieredCompilation", "PANGY_SERVE_CHILD"])
            .Any(name => Environment.GetEnvironmentVariable(name) is not null)) return;
        using var parent = PangyProcess.Start("serve", "--dir", tmp["store"],
            "--port", FreePort().ToString(CultureInfo.InvariantCulture), "--organism", "none");
        _ = parent.StandardOutput.ReadToEndAsync();
        _ = parent.StandardError.ReadToEndAsync();
        try
        {
            int child = 0;
            for (var deadline = DateTime.UtcNow.AddSeconds(60); child == 0 && DateTime.UtcNow < deadline; await Task.Delay(100))
            {
                Assert.False(parent.HasExited, "pangy serve exited");
                child = ChildOf(parent.Id);
            }
            Assert.NotEqual(0, child);
            var variables = (await File.ReadAllTextAsync($"/proc/{child}/environ")).Split('\0');
            Assert.Contains("DOTNET_gcServer=1", variables);
            Assert.Contains("DOTNET_TieredCompilation=1", variables);
        }
        finally
        {
            if (!parent.HasExited) parent.Kill(entireProcessTree: true);
            await parent.WaitForExitAsync();
        }
    }

    /// <summary>A child process of <paramref name="pid"/>, or 0.</summary>
    private static int ChildOf(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int id)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // the process ended while listed
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == pid.ToString(CultureInfo.InvariantCulture)) return id;
        }
        return 0;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
