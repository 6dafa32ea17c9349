import type { TFunction } from 'i18next';
import type { Role } from '../../domain/vocabulary';

export function roleNames(roles: readonly Role[], t: TFunction): string {
  return roles.map((role) => t(`rules:roles.${role}`)).join(', ');
}
