using System.Reflection;

namespace Pangy.Infra.Tests;

/// <summary>
/// The Bicep compiler of the NuGet package <c>Azure.Bicep.CommandLine.linux-x64</c>, which restoring this project
/// fetches (see the csproj); no other install step. The package's binary may be executable by its owner only.
/// </summary>
public static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    /// <summary>The path of a runnable <c>bicep</c>.</summary>
    public static string Path => Executable.Value;

    public static Task<CommandResult> RunAsync(params string[] args) =>
        Command.RunAsync(Path, args, InfraFiles.BicepFolder, timeout: TimeSpan.FromMinutes(3));

    private static string Locate()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the restored Bicep compiler is the linux-x64 one");
        string folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPackageFolder").Value
            ?? throw new InvalidOperationException("the test assembly does not name the Bicep package folder");
        string bicep = System.IO.Path.Combine(folder, "tools", "bicep");
        if (!File.Exists(bicep))
            throw new FileNotFoundException($"no Bicep compiler at {bicep}: restore tests/Pangy.Infra.Tests", bicep);

        const UnixFileMode executableByAll = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(bicep);
        if ((mode & executableByAll) == executableByAll) return bicep;
        try
        {
            File.SetUnixFileMode(bicep, mode | executableByAll | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return bicep;
        }
        catch (UnauthorizedAccessException)
        {
            // Someone else's package cache: run a private copy.
            string copy = System.IO.Path.Combine(Directory.CreateTempSubdirectory("pangy-bicep-").FullName, "bicep");
            File.Copy(bicep, copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return copy;
        }
    }
}
