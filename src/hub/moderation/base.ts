export { freshModeration } from '../../shared/moderation/fresh';
