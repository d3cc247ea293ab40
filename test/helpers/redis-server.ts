/**
 * A private redis-server (Debian package `redis-server`) for the queue tests: loopback only, a
 * free port, its own temporary folder, an append-only file synced on every write (so a stop and
 * start keeps the queue, as a production Redis with persistence does), stopped afterwards.
 */
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdir} from 'node:fs/promises'
import net from 'node:net'

export interface RedisServer {
  url: string
  port: number
  dir: string
  /** Stops it (SIGTERM, as a service manager does) and waits for it to exit. */
  stop(): Promise<void>
  /** Starts it again on the same port, from `dir` (or a fresh folder: a Redis that lost its data). */
  start(dir?: string): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let text = ''
    socket.setTimeout(500, () => socket.destroy())
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      text += chunk.toString()
      if (text.includes('\r\n')) socket.end()
    })
    socket.on('close', () => resolve(text.startsWith('+PONG')))
    socket.on('error', () => resolve(false))
  })
}

export async function startRedis(dir: string): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    dir,
    async start(from = dir) {
      server.dir = from
      await mkdir(from, {recursive: true})
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', from, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'],
        {stdio: 'ignore'},
      )
      const deadline = Date.now() + 10_000
      while (!(await answers(port))) {
        if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    async stop() {
      const running = child
      child = undefined
      if (!running || running.exitCode !== null) return
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve())
        running.kill('SIGTERM')
      })
    },
  }
  await server.start()
  return server
}
