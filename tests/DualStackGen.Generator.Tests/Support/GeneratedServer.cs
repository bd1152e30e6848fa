using System;
using System.Collections.Generic;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Generator.Tests.Support;

/// <summary>
/// A generated server class from a <see cref="CompiledUserCode"/> assembly, its generated members called by name
/// (the test cannot name a type compiled at run time).
/// </summary>
internal sealed class GeneratedServer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly object _server;

    public GeneratedServer(Assembly assembly, string typeName, params object[] constructorArguments)
    {
        Type type = assembly.GetType(typeName, throwOnError: true)!;
        _server = Activator.CreateInstance(type, constructorArguments)!;
    }

    public T Options<T>() => (T)Property("Options")!;

    public bool IsRunning => (bool)Property("IsRunning")!;

    public IReadOnlyList<IPEndPoint> LocalEndPoints => (IReadOnlyList<IPEndPoint>)Property("LocalEndPoints")!;

    public int Port => LocalEndPoints[0].Port;

    public Task StartAsync() => ((Task)Invoke("StartAsync", CancellationToken.None)).WaitAsync(Timeout);

    public Task StopAsync() => ((Task)Invoke("StopAsync", CancellationToken.None)).WaitAsync(Timeout);

    public async ValueTask DisposeAsync() => await ((IAsyncDisposable)_server).DisposeAsync().AsTask().WaitAsync(Timeout);

    private object? Property(string name) => _server.GetType().GetProperty(name)!.GetValue(_server);

    private object Invoke(string name, params object[] arguments) => _server.GetType().GetMethod(name)!.Invoke(_server, arguments)!;
}
