#!/usr/bin/env -S node --import tsx --no-warnings
// Runs the commands straight from src/ (no build), for development.
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
