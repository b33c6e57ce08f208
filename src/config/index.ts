export type { AppConfig, AuthMode, LogLevel, RunMode } from './app-config';
export { ConfigError, loadConfig } from './load-config';
export { APP_CONFIG, ConfigModule } from './config.module';
