import type { MantixBuildConfig } from './build-config';

declare const __MANTIX_CONFIG__: MantixBuildConfig;

/** The configuration this build was made with (inlined by wxt.config.ts). */
export const config: MantixBuildConfig = __MANTIX_CONFIG__;
