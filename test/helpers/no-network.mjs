// Preloaded with `node --import` into the CLI under test (and, through execArgv, into its
// worker threads): every way out to the network throws and is written to a log file.
import {appendFileSync} from 'node:fs'
import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import {isMainThread, threadId} from 'node:worker_threads'

const log = process.env.SOHOA_NETWORK_LOG
const note = (line) => {
  if (log) appendFileSync(log, `${line}\n`)
}
const refuse = (what) => () => {
  note(`attempt ${what} thread=${threadId} ${new Error().stack.split("\n").slice(2, 8).join(" <- ")}`)
  throw new Error(`network access is disabled in this test: ${what}`)
}

note(`guard loaded ${isMainThread ? 'main' : 'worker'} thread=${threadId}`)
net.Socket.prototype.connect = refuse('net.Socket.connect')
net.connect = refuse('net.connect')
net.createConnection = refuse('net.createConnection')
dns.lookup = refuse('dns.lookup')
dns.resolve = refuse('dns.resolve')
http.request = refuse('http.request')
http.get = refuse('http.get')
https.request = refuse('https.request')
https.get = refuse('https.get')
globalThis.fetch = refuse('fetch')
