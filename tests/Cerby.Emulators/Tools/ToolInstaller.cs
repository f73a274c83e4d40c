using System.Diagnostics;

namespace Cerby.Emulators.Tools;

/// <summary>
/// Installs, once per machine, what the tests drive for real: a node app's packages from its lock file (<c>npm ci</c>),
/// helm (<c>tests/tools/install-helm.sh</c>) and Debian packages such as the official Python client. A fresh clone therefore runs the whole test suite with no step before it.
/// Installs are serialised across processes by a lock file under <c>.tools/</c>, so parallel test runs never race one
/// <c>npm ci</c> against another. Each method returns null when the tool is there, or why it could not be installed.
/// </summary>
internal static class ToolInstaller
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(6);

    /// <summary>
    /// Makes sure <paramref name="appDirectory"/>/node_modules holds what its package-lock.json lists (checked by the
    /// <paramref name="markerPackage"/>'s package.json and npm's own record of the install being newer than the lock file).
    /// </summary>
    public static string? EnsureNpmPackages(string appDirectory, string markerPackage)
    {
        bool Installed() => IsNpmInstallCurrent(appDirectory, markerPackage);
        if (Installed())
        {
            return null;
        }

        return WithInstallLock(appDirectory, () => Installed()
            ? null
            : Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], appDirectory, $"npm ci in {appDirectory}"));
    }

    /// <summary>Runs <c>tests/tools/install-helm.sh</c> (idempotent) and returns null when it left a working helm.</summary>
    public static string? EnsureHelm(string repositoryRoot, Func<bool> installed)
    {
        if (installed())
        {
            return null;
        }

        return WithInstallLock(repositoryRoot, () => installed()
            ? null
            : Run("bash", [Path.Combine(repositoryRoot, "tests", "tools", "install-helm.sh")], repositoryRoot, "tests/tools/install-helm.sh"));
    }

    /// <summary>
    /// Installs a Debian package with apt-get (as root, where apt-get exists) unless <paramref name="installed"/> says it is
    /// there; tries the package lists as they are first, then refreshed.
    /// </summary>
    public static string? EnsureDebianPackage(string repositoryRoot, string package, Func<bool> installed)
    {
        if (installed())
        {
            return null;
        }

        if (!File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            return $"{package} is not installed, and this user cannot install it (apt-get install -y {package} as root)";
        }

        return WithInstallLock(repositoryRoot, () => installed()
            ? null
            : Run("bash", ["-c", $"export DEBIAN_FRONTEND=noninteractive; apt-get install -y -q {package} || {{ apt-get update -q && apt-get install -y -q {package}; }}"],
                repositoryRoot, $"apt-get install {package}"));
    }

    private static bool IsNpmInstallCurrent(string appDirectory, string markerPackage)
    {
        var marker = Path.Combine(appDirectory, "node_modules", markerPackage, "package.json");
        var record = Path.Combine(appDirectory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(appDirectory, "package-lock.json");
        return File.Exists(marker) && File.Exists(record)
            && (!File.Exists(lockFile) || File.GetLastWriteTimeUtc(record) >= File.GetLastWriteTimeUtc(lockFile));
    }

    private static string? WithInstallLock(string near, Func<string?> install)
    {
        var lockPath = Path.Combine(FindToolsDirectory(near), "install.lock");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return install();
            }
            catch (IOException) when (deadline.Elapsed < LockTimeout)
            {
                // Another process is installing; its result is what this one will find.
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>The repository's gitignored <c>.tools/</c> folder (found upwards from <paramref name="near"/>).</summary>
    private static string FindToolsDirectory(string near)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(near));
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cerby.Operator.sln")))
        {
            dir = dir.Parent;
        }

        var tools = Path.Combine(dir?.FullName ?? Path.GetTempPath(), ".tools");
        Directory.CreateDirectory(tools);
        return tools;
    }

    private static string? Run(string command, string[] args, string workingDirectory, string what)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{what} could not start ({command}: {e.Message})";
        }

        if (process is null)
        {
            return $"{what} could not start";
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(InstallTimeout))
            {
                process.Kill(entireProcessTree: true);
                return $"{what} did not finish within {InstallTimeout.TotalMinutes:0} minutes";
            }

            return process.ExitCode == 0
                ? null
                : $"{what} failed (exit {process.ExitCode}): {Tail(stderr.Result + stdout.Result)}";
        }
    }

    private static string Tail(string output)
    {
        var trimmed = output.Trim();
        return trimmed.Length <= 600 ? trimmed : "…" + trimmed[^600..];
    }
}
